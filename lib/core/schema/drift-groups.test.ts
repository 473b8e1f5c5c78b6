import { describe, expect, it } from "vitest";
import type { SchemaDifference } from "./diff";
import { describeDifference, fieldChanges, groupByTable } from "./drift-groups";

const d = (change: SchemaDifference["change"], kind: SchemaDifference["kind"], table: string | null, name: string, extra: Partial<SchemaDifference> = {}): SchemaDifference => ({
  change, kind, table, name, expected: null, actual: null, fields: [], sql: null, ...extra,
});

describe("groupByTable", () => {
  it("puts a table's own difference with its columns and indexes, tables by name, objects outside any table last", () => {
    const groups = groupByTable([
      d("extra", "view", null, "order_counts"),
      d("extra", "index", "orders", "orders_idx"),
      d("missing", "table", null, "customers"),
      d("extra", "column", "orders", "note"),
      d("missing", "column", "customers", "email"),
    ]);
    expect(groups.map((g) => [g.table, g.differences.map((x) => `${x.kind} ${x.name}`)])).toEqual([
      ["customers", ["table customers", "column email"]],
      ["orders", ["column note", "index orders_idx"]],
      [null, ["view order_counts"]],
    ]);
  });

  it("returns nothing for no differences", () => {
    expect(groupByTable([])).toEqual([]);
  });
});

describe("fieldChanges and describeDifference", () => {
  it("says what each changed attribute was expected to be and is", () => {
    const changed = d("changed", "column", "products", "name", { fields: ["type", "nullable"], expected: { type: "text", nullable: true }, actual: { type: "varchar(50)", nullable: false } });
    expect(fieldChanges(changed)).toEqual(["type: text → varchar(50)", "nullable: true → false"]);
    expect(describeDifference(changed)).toBe("changed column name");
    expect(describeDifference(d("extra", "foreign_key", "orders", "orders_fk"))).toBe("extra foreign key orders_fk");
  });
});
