import "server-only";
import type { ColumnModel, SchemaModel, TableModel, ViewModel } from "../../core/schema/model";
import { normaliseDefault } from "../../core/schema/normalise-default";
import { normaliseSchema } from "../../core/schema/normalise";
import { type MysqlContext, readMysqlConstraints, readMysqlIndexes, readMysqlSequences, readMysqlUnmodelled } from "./mysql-parts";
import { type SchemaReader, nullableText, text } from "./reader";

// MySQL and MariaDB through information_schema, in the connection's database (or the one
// given). Names of the database itself are taken out of view bodies, so a database replayed
// under a scratch name compares equal to the real one.

export async function introspectMysql(reader: SchemaReader, options: { schemas?: string[]; skip: (table: string) => boolean }): Promise<SchemaModel> {
  const info = (await reader.query("SELECT DATABASE() AS db, VERSION() AS version")).rows[0] ?? {};
  const schema = options.schemas?.[0] ?? text(info.db);
  if (!schema) throw new Error("The MySQL connection has no database selected; put the database name in the URL");
  const context: MysqlContext = { reader, schema, mariadb: /mariadb/i.test(text(info.version)), tables: new Map() };
  const kinds = await tableKinds(context, options.skip);
  for (const [name, kind] of kinds) {
    if (kind === "BASE TABLE" || kind === "SYSTEM VERSIONED") context.tables.set(name, { name, columns: [], primaryKey: null, uniques: [], foreignKeys: [], checks: [], indexes: [] });
  }
  await readColumns(context);
  await readMysqlConstraints(context);
  await readMysqlIndexes(context);
  const sequenceNames = [...kinds].filter(([, kind]) => kind === "SEQUENCE").map(([name]) => name);
  return normaliseSchema({
    dialect: "mysql",
    schemas: [schema],
    tables: [...context.tables.values()],
    views: await readViews(context),
    sequences: await readMysqlSequences(context, sequenceNames),
    enums: [],
    unmodelled: await readMysqlUnmodelled(context),
  });
}

async function tableKinds(context: MysqlContext, skip: (table: string) => boolean): Promise<Map<string, string>> {
  const rows = (await context.reader.query("SELECT TABLE_NAME AS name, TABLE_TYPE AS kind FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME", [context.schema])).rows;
  return new Map(rows.filter((row) => !skip(text(row.name))).map((row) => [text(row.name), text(row.kind)]));
}

async function readColumns(context: MysqlContext): Promise<void> {
  const sql = `SELECT TABLE_NAME AS table_name, COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable,
    COLUMN_DEFAULT AS default_value, EXTRA AS extra, GENERATION_EXPRESSION AS generation
    FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`;
  for (const row of (await context.reader.query(sql, [context.schema])).rows) {
    context.tables.get(text(row.table_name))?.columns.push(columnOf(row, context.mariadb));
  }
}

function columnOf(row: Record<string, unknown>, mariadb: boolean): ColumnModel {
  const extra = text(row.extra).toLowerCase();
  const generatedExpression = text(row.generation);
  const generated = extra.includes("generated") && generatedExpression && !extra.includes("default_generated")
    ? { expression: generatedExpression, stored: extra.includes("stored") || extra.includes("persistent") }
    : null;
  let defaultValue = generated ? null : normaliseDefault(nullableText(row.default_value), "mysql", { extra, quotedLiterals: mariadb });
  // ON UPDATE CURRENT_TIMESTAMP is part of what the column does on its own; keep it with the default.
  if (/on update current_timestamp/.test(extra)) defaultValue = `${defaultValue ?? "null"} on update current_timestamp`;
  return {
    name: text(row.name),
    type: text(row.type),
    nullable: text(row.nullable) === "YES",
    default: defaultValue,
    identity: extra.includes("auto_increment") ? "auto-increment" : null,
    generated,
  };
}

async function readViews(context: MysqlContext): Promise<ViewModel[]> {
  const rows = (await context.reader.query("SELECT TABLE_NAME AS name, VIEW_DEFINITION AS definition FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME", [context.schema])).rows;
  const qualifier = "`" + context.schema.split("`").join("``") + "`.";
  return rows.map((row) => ({ name: text(row.name), definition: text(row.definition).split(qualifier).join(""), materialized: false }));
}
