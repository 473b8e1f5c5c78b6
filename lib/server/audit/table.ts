import "server-only";
import { dialectOf } from "../db/dialects";
import type { DbConnection } from "../db/types";

// retort_audit lives in each target database (PostgreSQL: in RETORT_AUDIT_SCHEMA, default
// public; SQLite and MySQL: beside the version table), so a step and its record commit together.
// A table of the old one-row-per-step format gets the run columns added; its rows stay readable.

const ensured = new WeakMap<DbConnection, Set<string>>();

/**
 * Creates the table (or adds the run columns to an old one) when needed. Call it outside a
 * transaction: MySQL commits DDL implicitly, and a failed CREATE would abort a PostgreSQL one.
 */
export async function ensureAuditTable(conn: DbConnection, schema: string | null): Promise<void> {
  const key = schema ?? "";
  if (ensured.get(conn)?.has(key)) return;
  const dialect = dialectOf(conn);
  const columns = await dialect.audit.columns(conn, schema);
  const missing = columns === null ? [] : dialect.audit.runColumns.filter(([name]) => !columns.has(name));
  if (columns === null || missing.length > 0) {
    try {
      if (columns === null) await create(conn, schema);
      for (const [name, type] of missing) await conn.query(`ALTER TABLE ${dialect.audit.table(schema)} ADD COLUMN ${name} ${type}`);
      if (missing.length > 0) for (const statement of dialect.audit.create(schema)) await conn.query(statement);
    } catch (error) {
      // Another writer may have created or altered it at the same moment; only a table still
      // missing something is a failure.
      const now = await dialect.audit.columns(conn, schema);
      if (!now || dialect.audit.runColumns.some(([name]) => !now.has(name))) throw error;
    }
  }
  if (!ensured.has(conn)) ensured.set(conn, new Set());
  ensured.get(conn)!.add(key);
}

async function create(conn: DbConnection, schema: string | null): Promise<void> {
  const dialect = dialectOf(conn);
  // CREATE SCHEMA IF NOT EXISTS checks the privilege before the existence: only ask when needed.
  if (schema && !(await dialect.schemaExists(conn, schema))) await conn.query(`CREATE SCHEMA IF NOT EXISTS ${dialect.quote(schema, "audit schema")}`);
  for (const statement of dialect.audit.create(schema)) await conn.query(statement);
}

/** Forget what was ensured on this connection (the table may have been dropped since). */
export function forgetAuditTable(conn: DbConnection): void {
  ensured.delete(conn);
}

/** Whether the table exists here (reads never create it). */
export async function auditColumns(conn: DbConnection, schema: string | null): Promise<Set<string> | null> {
  return dialectOf(conn).audit.columns(conn, schema);
}
