import { describe, expect, it } from "vitest";
import { compareSchemas } from "./diff";
import type { SchemaDialect, SchemaModel, TableModel } from "./model";
import { column, schema, table } from "./test-models";

const customers = (overrides: Partial<TableModel> = {}): TableModel =>
  table("customers", [column("id", "bigint", { nullable: false, identity: "always" }), column("email", "text", { nullable: false })], {
    primaryKey: { name: "customers_pkey", columns: ["id"] },
    ...overrides,
  });

function diff(dialect: SchemaDialect, expected: TableModel[], actual: TableModel[], extra: { expected?: Partial<SchemaModel>; actual?: Partial<SchemaModel> } = {}) {
  return compareSchemas(schema(dialect, expected, extra.expected), schema(dialect, actual, extra.actual)).differences;
}

describe("compareSchemas", () => {
  it("finds nothing between a schema and the same schema spelt differently", () => {
    const expected = table("t", [column("a", "int4", { default: "'x'::text" }), column("b", "character varying(32)")]);
    const actual = table("t", [column("a", "integer", { default: "'x'" }), column("b", "varchar(32)")]);
    expect(diff("postgresql", [expected], [actual])).toEqual([]);
  });

  it("reports a missing table once, not once per column, with the CREATE TABLE", () => {
    const differences = diff("postgresql", [customers()], []);
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatchObject({ change: "missing", kind: "table", table: "customers", name: "customers", actual: null });
    expect(differences[0]!.sql).toBe(
      'CREATE TABLE "customers" (\n    "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,\n    "email" text NOT NULL,\n    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")\n);',
    );
  });

  it("reports an extra table with DROP TABLE", () => {
    expect(diff("mysql", [], [table("legacy", [column("id", "int")])])).toMatchObject([{ change: "extra", kind: "table", name: "legacy", sql: "DROP TABLE `legacy`;" }]);
  });

  type Case = [string, SchemaDialect, TableModel, TableModel, object[]];
  const cases: Case[] = [
    ["an extra column", "postgresql", customers(), customers({ columns: [...customers().columns, column("nickname", "text")] }), [
      { change: "extra", kind: "column", table: "customers", name: "nickname", sql: 'ALTER TABLE "customers" DROP COLUMN "nickname";' },
    ]],
    ["a missing column", "mysql", customers({ columns: [...customers().columns, column("age", "int(11)", { default: "0" })] }), customers(), [
      { change: "missing", kind: "column", name: "age", sql: "ALTER TABLE `customers` ADD COLUMN `age` int DEFAULT 0;" },
    ]],
    ["a changed type and nullability", "postgresql", customers(), customers({ columns: [customers().columns[0]!, column("email", "varchar(100)")] }), [
      { change: "changed", kind: "column", name: "email", fields: ["type", "nullable"], expected: { type: "text", nullable: false }, actual: { type: "varchar(100)", nullable: true },
        sql: 'ALTER TABLE "customers" ALTER COLUMN "email" TYPE text;\nALTER TABLE "customers" ALTER COLUMN "email" SET NOT NULL;' },
    ]],
    ["a changed column on MySQL, as one MODIFY", "mysql", table("t", [column("a", "varchar(10)", { nullable: false })]), table("t", [column("a", "varchar(20)", { nullable: false })]), [
      { change: "changed", name: "a", sql: "ALTER TABLE `t` MODIFY COLUMN `a` varchar(10) NOT NULL;" },
    ]],
    ["a column change on SQLite, with no SQL (it needs a rebuild)", "sqlite", table("t", [column("a", "text")]), table("t", [column("a", "integer")]), [
      { change: "changed", name: "a", fields: ["type"], sql: null },
    ]],
    ["an extra unique constraint, by name", "postgresql", customers(), customers({ uniques: [{ name: "customers_email_uq", columns: ["email"] }] }), [
      { change: "extra", kind: "constraint", name: "customers_email_uq", actual: { type: "unique", columns: ["email"] }, sql: 'ALTER TABLE "customers" DROP CONSTRAINT "customers_email_uq";' },
    ]],
    ["a missing unique on MySQL", "mysql", customers({ uniques: [{ name: "email_uq", columns: ["email"] }] }), customers(), [
      { change: "missing", kind: "constraint", name: "email_uq", sql: "ALTER TABLE `customers` ADD CONSTRAINT `email_uq` UNIQUE (`email`);" },
    ]],
    ["an extra index", "postgresql", customers(), customers({ indexes: [{ name: "customers_lower_email", unique: true, columns: ["lower(email)"], predicate: null, method: null, include: [] }] }), [
      { change: "extra", kind: "index", name: "customers_lower_email", sql: 'DROP INDEX "customers_lower_email";' },
    ]],
    ["a missing partial index", "postgresql", customers({ indexes: [{ name: "i", unique: false, columns: ["email", "id DESC"], predicate: "(id > 10)", method: "btree", include: [] }] }), customers(), [
      { change: "missing", kind: "index", name: "i", expected: { columns: ["email", "id desc"], predicate: "id > 10", method: null }, sql: 'CREATE INDEX "i" ON "customers" ("email", "id" DESC) WHERE id > 10;' },
    ]],
    ["an index whose predicate changed: drop and create", "sqlite", customers({ indexes: [{ name: "i", unique: false, columns: ["email"], predicate: "id > 10", method: null, include: [] }] }),
      customers({ indexes: [{ name: "i", unique: false, columns: ["email"], predicate: "id > 20", method: null, include: [] }] }), [
      { change: "changed", kind: "index", name: "i", fields: ["predicate"], sql: 'DROP INDEX "i";\nCREATE INDEX "i" ON "customers" ("email") WHERE id > 10;' },
    ]],
    ["a changed check", "postgresql", customers({ checks: [{ name: "c", expression: "((id > 0))" }] }), customers({ checks: [{ name: "c", expression: "id >= 0" }] }), [
      { change: "changed", kind: "constraint", name: "c", fields: ["expression"], sql: 'ALTER TABLE "customers" DROP CONSTRAINT "c";\nALTER TABLE "customers" ADD CONSTRAINT "c" CHECK (id > 0);' },
    ]],
    ["an unnamed check on SQLite, keyed by its expression", "sqlite", customers({ checks: [{ name: null, expression: "id > 0" }] }), customers({ checks: [{ name: null, expression: "(ID>0)" }] }), []],
    ["a foreign key whose action changed", "postgresql",
      customers({ foreignKeys: [{ name: "fk", columns: ["id"], referencedTable: "people", referencedColumns: ["id"], onUpdate: "no action", onDelete: "cascade", deferrable: null }] }),
      customers({ foreignKeys: [{ name: "fk", columns: ["id"], referencedTable: "people", referencedColumns: ["id"], onUpdate: "NO ACTION" as never, onDelete: "NO ACTION" as never, deferrable: null }] }), [
      { change: "changed", kind: "foreign_key", name: "fk", fields: ["onDelete"],
        sql: 'ALTER TABLE "customers" DROP CONSTRAINT "fk";\nALTER TABLE "customers" ADD CONSTRAINT "fk" FOREIGN KEY ("id") REFERENCES "people" ("id") ON DELETE CASCADE;' },
    ]],
    ["MySQL's NO ACTION and RESTRICT as the same", "mysql",
      customers({ foreignKeys: [{ name: "fk", columns: ["id"], referencedTable: "p", referencedColumns: ["id"], onUpdate: "no action", onDelete: "restrict", deferrable: null }] }),
      customers({ foreignKeys: [{ name: "fk", columns: ["id"], referencedTable: "p", referencedColumns: ["id"], onUpdate: "RESTRICT" as never, onDelete: "NO ACTION" as never, deferrable: null }] }), []],
    ["a renamed primary key", "postgresql", customers(), customers({ primaryKey: { name: "pk_customers", columns: ["id"] } }), [
      { change: "changed", kind: "constraint", name: "PRIMARY KEY", fields: ["name"],
        sql: 'ALTER TABLE "customers" DROP CONSTRAINT "pk_customers";\nALTER TABLE "customers" ADD CONSTRAINT "customers_pkey" PRIMARY KEY ("id");' },
    ]],
  ];
  it.each(cases)("reports %s", (_name, dialect, expected, actual, differences) => {
    const found = diff(dialect, [expected], [actual]);
    expect(found).toHaveLength(differences.length);
    differences.forEach((d, i) => expect(found[i]).toMatchObject(d));
  });

  it("compares views, sequences and enums", () => {
    const expected = {
      views: [{ name: "totals", definition: "SELECT 1 AS one", materialized: false }],
      sequences: [{ name: "s", type: "bigint", start: "1", increment: "1", min: "1", max: "9223372036854775807", cycle: false }],
      enums: [{ name: "mood", labels: ["sad", "ok", "happy"] }],
    };
    const actual = { views: [{ name: "totals", definition: "select 2 as one", materialized: false }], sequences: [], enums: [{ name: "mood", labels: ["sad", "happy"] }] };
    expect(compareSchemas(schema("postgresql", [], expected), schema("postgresql", [], actual)).differences).toMatchObject([
      { change: "changed", kind: "view", name: "totals", table: null, sql: 'CREATE OR REPLACE VIEW "totals" AS select 1 as one;' },
      { change: "missing", kind: "sequence", name: "s", sql: 'CREATE SEQUENCE "s" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 NO CYCLE;' },
      { change: "changed", kind: "enum", name: "mood", sql: `ALTER TYPE "mood" ADD VALUE 'ok' AFTER 'sad';` },
    ]);
  });

  it("refuses to guess SQL for an enum whose labels were reordered", () => {
    const found = compareSchemas(schema("postgresql", [], { enums: [{ name: "e", labels: ["a", "b"] }] }), schema("postgresql", [], { enums: [{ name: "e", labels: ["b", "a"] }] }));
    expect(found.differences).toMatchObject([{ change: "changed", kind: "enum", sql: null }]);
  });

  it("lists unmodelled objects with where each was seen, and never counts them as differences", () => {
    const trigger = { kind: "trigger", name: "entries_balanced", table: "entries" };
    const fn = { kind: "function", name: "check_balanced", table: null };
    const found = compareSchemas(schema("postgresql", [], { unmodelled: [trigger, fn] }), schema("postgresql", [], { unmodelled: [fn] }));
    expect(found.differences).toEqual([]);
    expect(found.unmodelled).toEqual([
      { ...fn, inExpected: true, inActual: true },
      { ...trigger, inExpected: true, inActual: false },
    ]);
  });

  it("orders differences by table, then kind, then name", () => {
    const a = table("a", [column("x", "text")]);
    const b = table("b", [column("x", "text")]);
    const found = diff("postgresql", [a, b], [table("a", [column("y", "text")]), table("c", [])]);
    expect(found.map((d) => [d.change, d.kind, d.table, d.name])).toEqual([
      ["missing", "column", "a", "x"],
      ["extra", "column", "a", "y"],
      ["missing", "table", "b", "b"],
      ["extra", "table", "c", "c"],
    ]);
  });
});
