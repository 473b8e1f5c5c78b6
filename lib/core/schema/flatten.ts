// A schema as a flat map of comparable objects, each with a stable key. The diff and the
// baseline search both compare these maps, so "is this object the same" is decided once, here.
import type { SchemaModel, TableModel } from "./model";
import { foreignKeyKey } from "./normalise";

export type ObjectKind = "table" | "column" | "index" | "constraint" | "foreign_key" | "view" | "sequence" | "enum";

export interface SchemaObject {
  kind: ObjectKind;
  /** The table it belongs to (for a table, itself); null for views, sequences and enums. */
  table: string | null;
  /** The name a person reads: column or constraint name, or a description of an unnamed one. */
  name: string;
  /** Unique within a schema: kind, table and name. */
  key: string;
  /** What is compared (and shown as `expected` / `actual`). */
  value: Record<string, unknown>;
  /** `value` as canonical JSON. */
  signature: string;
}

export function flattenSchema(model: SchemaModel): Map<string, SchemaObject> {
  const objects = new Map<string, SchemaObject>();
  const add = (kind: ObjectKind, table: string | null, name: string, value: Record<string, unknown>) => {
    const key = `${kind}\u0000${table ?? ""}\u0000${name}`;
    // A table's signature is its existence alone; its parts are compared as objects of their own.
    const signature = kind === "table" ? "" : JSON.stringify(value);
    objects.set(key, { kind, table, name, key, value, signature });
  };
  for (const table of model.tables) flattenTable(table, add);
  for (const view of model.views) add("view", null, view.name, { definition: view.definition, materialized: view.materialized });
  for (const { name, ...rest } of model.sequences) add("sequence", null, name, rest);
  for (const e of model.enums) add("enum", null, e.name, { labels: e.labels });
  return objects;
}

type Add = (kind: ObjectKind, table: string | null, name: string, value: Record<string, unknown>) => void;

function flattenTable(table: TableModel, add: Add): void {
  const t = table.name;
  // The column list is shown for a missing or extra table, never compared.
  add("table", t, t, { columns: table.columns.map((c) => c.name) });
  for (const { name, ...column } of table.columns) add("column", t, name, column);
  if (table.primaryKey) add("constraint", t, "PRIMARY KEY", { type: "primary key", name: table.primaryKey.name, columns: table.primaryKey.columns });
  for (const u of table.uniques) add("constraint", t, u.name ?? `UNIQUE (${u.columns.join(", ")})`, { type: "unique", columns: u.columns });
  for (const c of table.checks) add("constraint", t, c.name ?? `CHECK (${c.expression})`, { type: "check", expression: c.expression });
  for (const fk of table.foreignKeys) {
    const { name: _name, ...rest } = fk;
    add("foreign_key", t, fk.name ?? foreignKeyKey(fk), rest);
  }
  for (const { name, ...index } of table.indexes) add("index", t, name, index);
}

/** The attributes whose values differ between two objects of the same key. */
export function differingFields(expected: SchemaObject, actual: SchemaObject): string[] {
  const fields = new Set([...Object.keys(expected.value), ...Object.keys(actual.value)]);
  return [...fields].filter((field) => JSON.stringify(expected.value[field]) !== JSON.stringify(actual.value[field]));
}
