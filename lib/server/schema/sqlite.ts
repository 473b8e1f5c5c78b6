import "server-only";
import type { ColumnModel, ForeignKeyModel, IndexModel, SchemaModel, TableModel, UnmodelledObject, ViewModel } from "../../core/schema/model";
import { normaliseSchema } from "../../core/schema/normalise";
import { parseSqliteIndex, parseSqliteTable } from "../../core/schema/sqlite-ddl";
import { tokenize } from "../../core/schema/sql-tokens";
import { type SchemaReader, nullableText, text } from "./reader";

// SQLite keeps the schema as DDL text in sqlite_schema; the pragmas parse it for us (columns,
// keys, indexes), and the text itself gives what no pragma reports (CHECKs, generated columns,
// AUTOINCREMENT, expression keys and WHERE clauses of indexes). Only the `main` database.

type Row = Record<string, unknown>;

export async function introspectSqlite(reader: SchemaReader, options: { skip: (table: string) => boolean }): Promise<SchemaModel> {
  const objects = (await reader.query("SELECT type, name, tbl_name, sql FROM main.sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")).rows;
  const kinds = await tableKinds(reader);
  const tables: TableModel[] = [];
  const views: ViewModel[] = [];
  const unmodelled: UnmodelledObject[] = [];
  const indexSql = new Map(objects.filter((o) => o.type === "index").map((o) => [text(o.name), nullableText(o.sql)]));
  for (const object of objects) {
    const name = text(object.name);
    const table = text(object.tbl_name);
    if (object.type === "table" && !options.skip(name)) {
      const kind = kinds.get(name) ?? "table";
      if (kind === "virtual") unmodelled.push({ kind: "virtual table", name, table: null });
      else if (kind === "table") tables.push(await readTable(reader, name, text(object.sql), indexSql));
    } else if (object.type === "view") {
      views.push({ name, definition: viewBody(text(object.sql)), materialized: false });
    } else if (object.type === "trigger" && !options.skip(table)) {
      unmodelled.push({ kind: "trigger", name, table });
    }
  }
  return normaliseSchema({ dialect: "sqlite", schemas: ["main"], tables, views, sequences: [], enums: [], unmodelled });
}

/** pragma table_list (SQLite 3.37+) tells real tables from virtual tables and their shadow tables. */
async function tableKinds(reader: SchemaReader): Promise<Map<string, string>> {
  const rows = (await reader.query("SELECT name, type FROM pragma_table_list WHERE schema = 'main'")).rows;
  return new Map(rows.map((row) => [text(row.name), text(row.type)]));
}

async function readTable(reader: SchemaReader, name: string, sql: string, indexSql: Map<string, string | null>): Promise<TableModel> {
  const ddl = parseSqliteTable(sql);
  const columnRows = (await reader.query("SELECT * FROM pragma_table_xinfo(?) ORDER BY cid", [name])).rows;
  const columns = columnRows.map((row): ColumnModel => {
    const column = text(row.name);
    const hidden = Number(row.hidden);
    const generated = hidden === 2 || hidden === 3 ? ddl.generated.get(column) ?? { expression: "", stored: hidden === 3 } : null;
    return {
      name: column,
      type: text(row.type),
      nullable: Number(row.notnull) === 0,
      default: nullableText(row.dflt_value),
      identity: ddl.autoincrement.has(column) ? "auto-increment" : null,
      generated,
    };
  });
  const pkColumns = columnRows.filter((row) => Number(row.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk)).map((row) => text(row.name));
  const table: TableModel = {
    name,
    columns,
    primaryKey: pkColumns.length > 0 ? { name: null, columns: pkColumns } : null,
    uniques: [],
    foreignKeys: await readForeignKeys(reader, name),
    checks: ddl.checks,
    indexes: [],
  };
  await readIndexes(reader, table, indexSql);
  return table;
}

async function readForeignKeys(reader: SchemaReader, table: string): Promise<ForeignKeyModel[]> {
  const rows = (await reader.query("SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq", [table])).rows;
  const byId = new Map<number, Row[]>();
  for (const row of rows) byId.set(Number(row.id), [...(byId.get(Number(row.id)) ?? []), row]);
  const keys: ForeignKeyModel[] = [];
  for (const parts of byId.values()) {
    const referencedTable = text(parts[0]!.table);
    // REFERENCES parent with no column list means the parent's primary key.
    const referencedColumns = parts.some((p) => p.to === null) ? await primaryKeyOf(reader, referencedTable) : parts.map((p) => text(p.to));
    keys.push({
      name: null,
      columns: parts.map((p) => text(p.from)),
      referencedTable,
      referencedColumns,
      onUpdate: text(parts[0]!.on_update).toLowerCase() as never,
      onDelete: text(parts[0]!.on_delete).toLowerCase() as never,
      deferrable: null,
    });
  }
  return keys;
}

async function primaryKeyOf(reader: SchemaReader, table: string): Promise<string[]> {
  const rows = (await reader.query("SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", [table])).rows;
  return rows.map((row) => text(row.name));
}

async function readIndexes(reader: SchemaReader, table: TableModel, indexSql: Map<string, string | null>): Promise<void> {
  const list = (await reader.query("SELECT * FROM pragma_index_list(?) ORDER BY name", [table.name])).rows;
  for (const index of list) {
    const name = text(index.name);
    if (index.origin === "pk") continue;
    const keys = (await reader.query("SELECT * FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno", [name])).rows;
    const plain = keys.map((k) => (k.name === null ? "?" : text(k.name)) + (Number(k.desc) === 1 ? " desc" : ""));
    if (index.origin === "u") {
      table.uniques.push({ name: null, columns: keys.map((k) => text(k.name)) });
      continue;
    }
    const parsed = parseSqliteIndex(indexSql.get(name) ?? "");
    const model: IndexModel = { name, unique: Number(index.unique) === 1, columns: parsed?.columns ?? plain, predicate: parsed?.predicate ?? null, method: null, include: [] };
    table.indexes.push(model);
  }
}

/** `CREATE VIEW v [(cols)] AS SELECT …` → `SELECT …`. */
function viewBody(sql: string): string {
  const as = tokenize(sql, { bracketIdentifiers: true }).find((t) => t.type === "word" && t.text.toUpperCase() === "AS");
  return as ? sql.slice(as.end).trim() : sql;
}
