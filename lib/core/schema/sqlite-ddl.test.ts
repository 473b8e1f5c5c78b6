import { describe, expect, it } from "vitest";
import { parseSqliteIndex, parseSqliteTable } from "./sqlite-ddl";

describe("parseSqliteTable reads what only the DDL text holds", () => {
  it("finds column and table CHECKs with their names", () => {
    const ddl = parseSqliteTable(`CREATE TABLE "order_items" (
      quantity integer NOT NULL CHECK (quantity > 0),
      price integer CONSTRAINT price_positive CHECK(price >= 0),
      note text DEFAULT 'a, (b)',
      CONSTRAINT both_small CHECK (quantity < 1000 AND price < 100000),
      CHECK (note <> '')
    )`);
    expect(ddl.checks).toEqual([
      { name: null, expression: "quantity > 0" },
      { name: "price_positive", expression: "price >= 0" },
      { name: "both_small", expression: "quantity < 1000 AND price < 100000" },
      { name: null, expression: "note <> ''" },
    ]);
  });

  it("finds generated columns, stored or virtual, and AUTOINCREMENT", () => {
    const ddl = parseSqliteTable(`CREATE TABLE t (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      a int, b int,
      total int GENERATED ALWAYS AS (a + b) STORED,
      [half] real AS (a / 2.0)
    )`);
    expect([...ddl.autoincrement]).toEqual(["id"]);
    expect(Object.fromEntries(ddl.generated)).toEqual({
      total: { expression: "a + b", stored: true },
      half: { expression: "a / 2.0", stored: false },
    });
  });

  it("ignores parentheses and keywords inside strings", () => {
    const ddl = parseSqliteTable(`CREATE TABLE t (s text DEFAULT 'CHECK (1)' CHECK (s <> ')'))`);
    expect(ddl.checks).toEqual([{ name: null, expression: "s <> ')'" }]);
  });
});

describe("parseSqliteIndex", () => {
  const cases: [string, { columns: string[]; predicate: string | null }][] = [
    ["CREATE INDEX i ON t (a, b DESC)", { columns: ["a", "b desc"], predicate: null }],
    ["CREATE UNIQUE INDEX IF NOT EXISTS \"i\" ON \"t\" (lower(email)) WHERE deleted_at IS NULL", { columns: ["lower(email)"], predicate: "deleted_at IS NULL" }],
    ["CREATE INDEX i ON t (a ASC, (a + b) DESC)", { columns: ["a", "(a + b) desc"], predicate: null }],
  ];
  it.each(cases)("%s", (sql, expected) => expect(parseSqliteIndex(sql)).toEqual(expected));
});
