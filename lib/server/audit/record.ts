import "server-only";
import { dialectOf } from "../db/dialects";
import type { DbConnection } from "../db/types";
import { ensureAuditTable, forgetAuditTable } from "./table";
import { mirrorRunToTrail } from "./trail-mirror";
import type { AuditRun } from "./types";

// THE one way an audit record is written. Every run writes its whole current state here: at
// its start (status running), inside each step's transaction (so a committed step and its record
// commit together), and when it ends. Mirroring finished runs elsewhere (Retort's own metadata
// database) is one call added below, where `run.status !== "running"`.

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

export interface RecordOptions {
  /** PostgreSQL: the audit schema (default RETORT_AUDIT_SCHEMA, else public). */
  schema?: string;
}

export async function recordRun(conn: DbConnection, run: AuditRun, options: RecordOptions = {}): Promise<void> {
  if (conn.inTransaction) return writeRun(conn, run, options);
  try {
    await writeRun(conn, run, options);
  } catch (error) {
    // A long-lived connection may remember a table that was dropped since: check again, once.
    forgetAuditTable(conn);
    await writeRun(conn, run, options).catch(() => Promise.reject(error));
  }
  await mirrorRunToTrail(run);
}

async function writeRun(conn: DbConnection, run: AuditRun, options: RecordOptions): Promise<void> {
  const dialect = dialectOf(conn);
  const schema = dialect.audit.schemaFor(options.schema);
  // Inside a step's transaction the run's first write (outside it) has made the table already.
  if (!conn.inTransaction) await ensureAuditTable(conn, schema);
  const table = dialect.audit.table(schema);
  const values = columnValues(run, dialect.audit);
  const names = Object.keys(values);
  const params = Object.values(values);
  const sets = names.map((name, i) => `${name} = ${dialect.param(i + 1)}`).join(", ");
  const updated = await conn.query(`UPDATE ${table} SET ${sets} WHERE run_id = ${dialect.param(names.length + 1)}`, [...params, run.id]);
  if (updated.rowCount > 0) return;
  const placeholders = names.map((_, i) => dialect.param(i + 1)).join(", ");
  await conn.query(`INSERT INTO ${table} (${names.join(", ")}, run_id) VALUES (${placeholders}, ${dialect.param(names.length + 1)})`, [...params, run.id]);
}

function columnValues(run: AuditRun, audit: ReturnType<typeof dialectOf>["audit"]): Record<string, unknown> {
  const duration = run.endedAt ? Math.max(0, Date.parse(run.endedAt) - Date.parse(run.startedAt)) : null;
  return {
    at: audit.time(run.startedAt),
    actor: clip(run.actor, 200),
    environment: run.environment,
    action: run.action,
    target: clip(run.target, 1000),
    rows_before: audit.list(run.rowsBefore),
    rows_after: audit.list(run.rowsAfter),
    steps: audit.json(run.steps),
    result: run.status,
    duration_ms: duration,
    error: run.error === null ? null : clip(run.error, 4000),
    ended_at: run.endedAt === null ? null : audit.time(run.endedAt),
    holder_host: run.holder?.host.slice(0, 255) ?? null,
    holder_pid: run.holder?.pid ?? null,
    holder_instance: run.holder?.instance ?? null,
    version_table: run.versionTable,
  };
}
