import "server-only";
import type { ForeignKeyModel, IndexModel, SequenceModel, TableModel, UnmodelledObject } from "../../core/schema/model";
import { type SchemaReader, text } from "./reader";

/** What the MySQL readers share while they read one database. */
export interface MysqlContext {
  reader: SchemaReader;
  schema: string;
  mariadb: boolean;
  tables: Map<string, TableModel>;
}

type Row = Record<string, unknown>;

/** Primary keys, unique constraints, foreign keys and CHECKs from TABLE_CONSTRAINTS and its companions. */
export async function readMysqlConstraints(context: MysqlContext): Promise<void> {
  const { reader, schema, tables } = context;
  // Two plain reads joined here: MariaDB answers an information_schema join ~40 times slower.
  const types = new Map((await reader.query(
    "SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS name, CONSTRAINT_TYPE AS type FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ?",
    [schema],
  )).rows.map((row) => [`${text(row.table_name)}\u0000${text(row.name)}`, text(row.type)]));
  const keyColumns = (await reader.query<Row>(
    `SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS name, COLUMN_NAME AS column_name,
       REFERENCED_TABLE_SCHEMA AS ref_schema, REFERENCED_TABLE_NAME AS ref_table, REFERENCED_COLUMN_NAME AS ref_column
     FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`,
    [schema],
  )).rows.map((row): Row => ({ ...row, type: types.get(`${text(row.table_name)}\u0000${text(row.name)}`) }));
  const rules = await referentialRules(context);
  const grouped = new Map<string, Row[]>();
  for (const row of keyColumns) {
    const key = `${text(row.table_name)}\u0000${text(row.name)}`;
    grouped.set(key, [...(grouped.get(key) ?? []), row]);
  }
  for (const rows of grouped.values()) {
    const first = rows[0]!;
    const table = tables.get(text(first.table_name));
    if (!table) continue;
    const columns = rows.map((r) => text(r.column_name));
    if (first.type === "PRIMARY KEY") table.primaryKey = { name: null, columns };
    else if (first.type === "UNIQUE") table.uniques.push({ name: text(first.name), columns });
    else if (first.type === "FOREIGN KEY") table.foreignKeys.push(foreignKey(first, rows, rules, schema));
  }
  for (const check of await readChecks(context)) tables.get(check.table)?.checks.push({ name: check.name, expression: check.expression });
}

function foreignKey(first: Row, rows: Row[], rules: Map<string, Row>, schema: string): ForeignKeyModel {
  const rule = rules.get(`${text(first.table_name)}\u0000${text(first.name)}`);
  const refSchema = text(first.ref_schema);
  return {
    name: text(first.name),
    columns: rows.map((r) => text(r.column_name)),
    referencedTable: refSchema === schema ? text(first.ref_table) : `${refSchema}.${text(first.ref_table)}`,
    referencedColumns: rows.map((r) => text(r.ref_column)),
    onUpdate: text(rule?.update_rule ?? "NO ACTION") as never,
    onDelete: text(rule?.delete_rule ?? "NO ACTION") as never,
    deferrable: null,
  };
}

async function referentialRules(context: MysqlContext): Promise<Map<string, Row>> {
  const rows = (await context.reader.query(
    "SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS name, UPDATE_RULE AS update_rule, DELETE_RULE AS delete_rule FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?",
    [context.schema],
  )).rows;
  return new Map(rows.map((row) => [`${text(row.table_name)}\u0000${text(row.name)}`, row]));
}

/**
 * CHECK_CONSTRAINTS: MariaDB (10.2.22+) names each row's table; MySQL (8.0.16+) does not, so its
 * rows are matched through TABLE_CONSTRAINTS, where check names are unique per database.
 */
async function readChecks(context: MysqlContext): Promise<{ table: string; name: string; expression: string }[]> {
  const sql = context.mariadb
    ? "SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?"
    : `SELECT t.TABLE_NAME AS table_name, c.CONSTRAINT_NAME AS name, c.CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS c
       JOIN information_schema.TABLE_CONSTRAINTS t ON t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND t.CONSTRAINT_NAME = c.CONSTRAINT_NAME AND t.CONSTRAINT_TYPE = 'CHECK'
       WHERE c.CONSTRAINT_SCHEMA = ?`;
  const rows = (await context.reader.query(sql, [context.schema])).rows;
  return rows.map((row) => ({ table: text(row.table_name), name: text(row.name), expression: text(row.clause) }));
}

/**
 * Indexes from STATISTICS, less those that are a constraint already: PRIMARY, each UNIQUE
 * constraint, and the index InnoDB creates by itself for a foreign key (named after it).
 */
export async function readMysqlIndexes(context: MysqlContext): Promise<void> {
  // SELECT *: EXPRESSION (functional key parts) exists on MySQL 8.0.13+ only.
  const rows = (await context.reader.query("SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX", [context.schema])).rows;
  const indexes = new Map<string, { table: string; index: IndexModel }>();
  for (const row of rows) {
    const table = text(row.TABLE_NAME);
    const name = text(row.INDEX_NAME);
    const key = `${table}\u0000${name}`;
    if (!indexes.has(key)) {
      const method = text(row.INDEX_TYPE).toLowerCase();
      indexes.set(key, { table, index: { name, unique: Number(row.NON_UNIQUE) === 0, columns: [], predicate: null, method, include: [] } });
    }
    indexes.get(key)!.index.columns.push(keyPart(row));
  }
  for (const { table: tableName, index } of indexes.values()) {
    const table = context.tables.get(tableName);
    if (!table || index.name === "PRIMARY") continue;
    if (table.uniques.some((u) => u.name === index.name)) continue;
    if (table.foreignKeys.some((fk) => fk.name === index.name && sameList(fk.columns, index.columns))) continue;
    table.indexes.push(index);
  }
}

function keyPart(row: Row): string {
  const expression = row.EXPRESSION === undefined || row.EXPRESSION === null ? null : text(row.EXPRESSION);
  const base = expression ?? (text(row.COLUMN_NAME) + (row.SUB_PART === null || row.SUB_PART === undefined ? "" : `(${text(row.SUB_PART)})`));
  return row.COLLATION === "D" ? `${base} desc` : base;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** MariaDB sequences are tables of TABLE_TYPE SEQUENCE; selecting from one gives its settings. */
export async function readMysqlSequences(context: MysqlContext, names: string[]): Promise<SequenceModel[]> {
  const sequences: SequenceModel[] = [];
  const quote = (name: string) => "`" + name.split("`").join("``") + "`";
  for (const name of names) {
    const [row] = (await context.reader.query(
      // As text: drivers turn BIGINT into floating point, and sequence bounds reach 2^63.
      `SELECT CAST(start_value AS CHAR) AS start_value, CAST(minimum_value AS CHAR) AS minimum_value, CAST(maximum_value AS CHAR) AS maximum_value,
         CAST(increment AS CHAR) AS increment, cycle_option FROM ${quote(context.schema)}.${quote(name)}`,
    )).rows;
    if (!row) continue;
    sequences.push({ name, type: "bigint", start: text(row.start_value), increment: text(row.increment), min: text(row.minimum_value), max: text(row.maximum_value), cycle: Number(row.cycle_option) === 1 });
  }
  return sequences;
}

export async function readMysqlUnmodelled(context: MysqlContext): Promise<UnmodelledObject[]> {
  const { reader, schema } = context;
  const triggers = (await reader.query("SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS table_name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?", [schema])).rows;
  const routines = (await reader.query("SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS kind FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?", [schema])).rows;
  const events = (await reader.query("SELECT EVENT_NAME AS name FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?", [schema])).rows;
  return [
    ...triggers.filter((t) => context.tables.has(text(t.table_name))).map((t) => ({ kind: "trigger", name: text(t.name), table: text(t.table_name) })),
    ...routines.map((r) => ({ kind: text(r.kind).toLowerCase(), name: text(r.name), table: null })),
    ...events.map((e) => ({ kind: "event", name: text(e.name), table: null })),
  ];
}
