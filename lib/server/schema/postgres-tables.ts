import "server-only";
import type { ColumnModel, IndexModel, TableModel } from "../../core/schema/model";
import { type SchemaReader, nullableText, text } from "./reader";

// Tables, columns, constraints and indexes from PostgreSQL's catalogs (pg_class, pg_attribute,
// pg_constraint, pg_index): format_type and pg_get_expr give each in PostgreSQL's own spelling.
// Objects that belong to an extension are skipped: the extension is listed instead.

const NOT_FROM_EXTENSION = (oid: string) => `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = ${oid} AND dep.deptype = 'e')`;

const COLUMNS_SQL = `
SELECT n.nspname AS schema, c.relname AS table_name, a.attname AS column_name,
       format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
       pg_get_expr(d.adbin, d.adrelid) AS default_expr, a.attidentity AS identity, a.attgenerated AS generated
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${NOT_FROM_EXTENSION("c.oid")}
ORDER BY n.nspname, c.relname, a.attnum`;

const CONSTRAINTS_SQL = `
SELECT n.nspname AS schema, c.relname AS table_name, con.conname AS name, con.contype AS type,
       pg_get_constraintdef(con.oid, true) AS definition,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns,
       fn.nspname AS ref_schema, fc.relname AS ref_table,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS ref_columns,
       con.confupdtype AS on_update, con.confdeltype AS on_delete, con.condeferrable AS deferrable, con.condeferred AS deferred
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE n.nspname = ANY($1::text[]) AND con.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY n.nspname, c.relname, con.conname`;

// Key columns come from pg_get_indexdef(oid, k, true): a column name or an expression. indoption
// bit 1 is DESC, bit 2 NULLS FIRST; each is spelt out only where it differs from the default.
const INDEXES_SQL = `
SELECT n.nspname AS schema, t.relname AS table_name, i.relname AS name, ix.indisunique AS is_unique,
       am.amname AS method, ix.indnkeyatts AS key_count,
       ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true)
               || CASE WHEN k > ix.indnkeyatts THEN ''
                       WHEN ix.indoption[k - 1] & 3 = 3 THEN ' DESC'
                       WHEN ix.indoption[k - 1] & 3 = 1 THEN ' DESC NULLS LAST'
                       WHEN ix.indoption[k - 1] & 3 = 2 THEN ' NULLS FIRST' ELSE '' END
             FROM generate_series(1, ix.indnatts) k ORDER BY k) AS columns,
       pg_get_expr(ix.indpred, ix.indrelid, true) AS predicate
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = i.relam
WHERE n.nspname = ANY($1::text[]) AND t.relkind IN ('r', 'p') AND NOT t.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY n.nspname, t.relname, i.relname`;

const ACTIONS: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };

export interface PostgresTables {
  tables: TableModel[];
  /** Exclusion constraints: compared nowhere, listed as unmodelled. */
  exclusions: { table: string; name: string }[];
}

export async function readPostgresTables(reader: SchemaReader, schemas: string[], qualify: (schema: string, name: string) => string, skip: (name: string) => boolean): Promise<PostgresTables> {
  const tables = new Map<string, TableModel>();
  const tableOf = (row: Record<string, unknown>) => tables.get(qualify(text(row.schema), text(row.table_name)));
  for (const row of (await reader.query(COLUMNS_SQL, [schemas])).rows) {
    if (skip(text(row.table_name))) continue;
    const name = qualify(text(row.schema), text(row.table_name));
    if (!tables.has(name)) tables.set(name, { name, columns: [], primaryKey: null, uniques: [], foreignKeys: [], checks: [], indexes: [] });
    if (row.column_name !== null) tables.get(name)!.columns.push(columnOf(row));
  }
  const exclusions: PostgresTables["exclusions"] = [];
  for (const row of (await reader.query(CONSTRAINTS_SQL, [schemas])).rows) {
    const table = tableOf(row);
    if (!table) continue;
    if (row.type === "x") exclusions.push({ table: table.name, name: text(row.name) });
    else addConstraint(table, row, qualify);
  }
  for (const row of (await reader.query(INDEXES_SQL, [schemas])).rows) tableOf(row)?.indexes.push(indexOf(row));
  return { tables: [...tables.values()], exclusions };
}

function columnOf(row: Record<string, unknown>): ColumnModel {
  const generated = row.generated === "s" ? { expression: text(row.default_expr), stored: true } : null;
  const identity = row.identity === "a" ? "always" : row.identity === "d" ? "by-default" : null;
  return { name: text(row.column_name), type: text(row.type), nullable: row.not_null !== true, default: generated ? null : nullableText(row.default_expr), identity, generated };
}

function addConstraint(table: TableModel, row: Record<string, unknown>, qualify: (schema: string, name: string) => string): void {
  const name = text(row.name);
  const columns = (row.columns as string[] | null) ?? [];
  if (row.type === "p") table.primaryKey = { name, columns };
  else if (row.type === "u") table.uniques.push({ name, columns });
  else if (row.type === "c") table.checks.push({ name, expression: checkExpression(text(row.definition)) });
  else if (row.type === "f") {
    table.foreignKeys.push({
      name,
      columns,
      referencedTable: qualify(text(row.ref_schema), text(row.ref_table)),
      referencedColumns: (row.ref_columns as string[] | null) ?? [],
      onUpdate: ACTIONS[text(row.on_update)] as never,
      onDelete: ACTIONS[text(row.on_delete)] as never,
      deferrable: row.deferrable ? (row.deferred ? "deferrable initially deferred" : "deferrable") : null,
    });
  }
}

/** `CHECK ((quantity > 0)) NOT VALID` → `(quantity > 0)`: whether it was validated is not the schema's shape. */
function checkExpression(definition: string): string {
  return definition.replace(/^CHECK\s*/i, "").replace(/\s+NOT VALID$/i, "").replace(/\s+NO INHERIT$/i, "");
}

function indexOf(row: Record<string, unknown>): IndexModel {
  const all = (row.columns as string[] | null) ?? [];
  const keyCount = Number(row.key_count);
  return {
    name: text(row.name),
    unique: row.is_unique === true,
    columns: all.slice(0, keyCount),
    predicate: nullableText(row.predicate),
    method: text(row.method),
    include: all.slice(keyCount),
  };
}
