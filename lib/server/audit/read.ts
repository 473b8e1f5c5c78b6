import "server-only";
import { databaseOf, type EnvironmentConfig } from "../config";
import { dialectOf } from "../db/dialects";
import { sanitizeDbError } from "../db/errors";
import { withPooledConnection } from "../db/pool";
import type { DbConnection } from "../db/types";
import { decodeRun, type AuditDbRow } from "./decode";
import { whereClause, type AuditFilters } from "./filters";
import { settleIfInterrupted } from "./interrupted";
import { auditColumns } from "./table";
import type { AuditRunView } from "./types";

// Reading runs across environments. Each environment's runs live in its own database; an
// unreachable one is skipped with a note rather than failing the whole read.

export interface AuditNote {
  environment: string;
  message: string;
}

export const MAX_AUDIT_LIMIT = 10_000;
const RUN_COLUMNS = ["run_id", "ended_at", "holder_host", "holder_pid", "holder_instance", "version_table"];
const AUDIT_CONNECTION = { connectTimeoutMs: 5_000, statementTimeoutMs: 15_000, lockTimeoutMs: 5_000 };

/** Newest first, merged across environments; `notes` names the environments that could not be read. */
export async function listRuns({ environments, filters = {}, limit = 200, schema }: {
  environments: readonly EnvironmentConfig[];
  filters?: AuditFilters;
  limit?: number;
  schema?: string;
}): Promise<{ runs: AuditRunView[]; notes: AuditNote[] }> {
  const safeLimit = Math.max(1, Math.min(MAX_AUDIT_LIMIT, Math.floor(limit)));
  const chosen = environments.filter((e) => !filters.environment || e.name === filters.environment);
  const results = await Promise.allSettled(chosen.map((env) => withAuditConnection(env, (conn) => runsOf(conn, env, filters, safeLimit, schema))));
  const runs: AuditRunView[] = [];
  const notes: AuditNote[] = [];
  results.forEach((result, i) => {
    const env = chosen[i]!;
    if (result.status === "fulfilled") runs.push(...result.value);
    else {
      const secrets = env.unavailable ? [] : databaseOf(env).secrets;
      const info = sanitizeDbError(result.reason, secrets);
      notes.push({ environment: env.name, message: `Audit log not readable (${info.code}): ${info.message}` });
    }
  });
  runs.sort((a, b) => (a.startedAt === b.startedAt ? Number(b.rowId) - Number(a.rowId) : a.startedAt < b.startedAt ? 1 : -1));
  return { runs: runs.slice(0, safeLimit), notes };
}

/** One of the environment's audit connections (kept idle between reads). */
export function withAuditConnection<T>(env: EnvironmentConfig, work: (conn: DbConnection) => Promise<T>): Promise<T> {
  if (env.unavailable) return Promise.reject(new Error(env.unavailable));
  return withPooledConnection(`audit:${env.name}`, databaseOf(env), AUDIT_CONNECTION, work);
}

async function runsOf(conn: DbConnection, env: EnvironmentConfig, filters: AuditFilters, limit: number, schema?: string): Promise<AuditRunView[]> {
  const dialect = dialectOf(conn);
  const where = dialect.audit.schemaFor(schema);
  const columns = await auditColumns(conn, where);
  if (!columns) return []; // nothing was ever recorded here
  // An old-format table that no run has touched yet lacks the run columns: read them as null.
  const runColumns = RUN_COLUMNS.map((c) => (columns.has(c) ? c : `NULL AS ${c}`)).join(", ");
  const { sql, params } = whereClause(env.name, filters, dialect.param);
  const { rows } = await conn.query<AuditDbRow>(
    `SELECT id, at, environment, actor, action, target, rows_before, rows_after, steps, result, duration_ms, error, ${runColumns}
       FROM ${dialect.audit.table(where)} WHERE ${sql} ORDER BY at DESC, id DESC LIMIT ${limit}`,
    params,
  );
  const runs = rows.map((row) => decodeRun(row, dialect.audit));
  const settled: AuditRunView[] = [];
  for (const run of runs) settled.push(await settleIfInterrupted(conn, run, schema));
  // A run settled just now no longer matches a `running` filter.
  return filters.result ? settled.filter((run) => run.status === filters.result) : settled;
}

/** Marks the dead `running` runs of every environment interrupted (once per process, at first use). */
export async function sweepInterruptedRuns({ environments }: { environments: readonly EnvironmentConfig[] }): Promise<void> {
  await listRuns({ environments, filters: { result: "running" }, limit: 1000 }).catch(() => undefined);
}
