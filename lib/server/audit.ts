import "server-only";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { recordRun } from "./audit/record";
import { withAuditConnection } from "./audit/read";
import type { AuditAction } from "./audit/types";
import { databaseOf, type EnvironmentConfig } from "./config";
import { postgresConnectionString } from "./db/url";
import { sanitizeDbError } from "./db/errors";
import { getPool } from "./pg";
import { validateIdentifier } from "./sql-identifiers";

// Refused attempts, and what the approvals store still needs. Runs are recorded by the
// executors through audit/record.ts, the one write path; see audit/ for the table and reads.

export const AUDIT_TABLE = "retort_audit";
export type { AuditAction } from "./audit/types";

/** PostgreSQL's audit schema: RETORT_AUDIT_SCHEMA, default public. */
export function auditSchemaName(schema?: string): string {
  return validateIdentifier(schema ?? process.env.RETORT_AUDIT_SCHEMA ?? "public", "audit schema");
}

/**
 * A node-postgres pool on a PostgreSQL environment, for the approvals store until it moves to
 * Retort's own metadata database. Other backends have no approvals table here.
 */
export function auditPool(environment: EnvironmentConfig): pg.Pool {
  const connectionString = postgresConnectionString(databaseOf(environment));
  if (!connectionString) throw new Error(`approvals are stored in PostgreSQL environments only (${environment.name} is not one)`);
  return getPool(`approvals:${environment.name}`, { connectionString, max: 2, connectionTimeoutMs: 5_000, statementTimeoutMs: 15_000 });
}

export interface AuditAttempt {
  environment: EnvironmentConfig;
  actor: string;
  action: AuditAction;
  target: string;
  /** Why it was refused, e.g. "locked", "rows-changed", "forbidden:stamp". */
  code: string;
  /** Already free of secrets. */
  message: string;
  rowsBefore?: string[];
  schema?: string;
}

export type AttemptResult = { ok: true } | { ok: false; code: "audit:unavailable"; message: string };

/** Record an attempt refused before it ran, as a run of its own (best effort; reports, never throws). */
export async function recordAttempt(attempt: AuditAttempt): Promise<AttemptResult> {
  const now = new Date().toISOString();
  const env = attempt.environment;
  const target = { table: env.versionTable, schema: env.versionSchema };
  try {
    await withAuditConnection(env, (conn) =>
      recordRun(conn, {
        id: randomUUID(), environment: env.name, actor: attempt.actor, action: attempt.action, target: attempt.target,
        versionTable: target.schema ? `${target.schema}.${target.table}` : target.table,
        rowsBefore: attempt.rowsBefore ?? [], rowsAfter: attempt.rowsBefore ?? [], steps: [],
        status: "refused", startedAt: now, endedAt: now, holder: null, error: `${attempt.code}: ${attempt.message}`,
      }, { schema: attempt.schema }),
    );
    return { ok: true };
  } catch (error) {
    const secrets = env.unavailable ? [] : databaseOf(env).secrets;
    const info = sanitizeDbError(error, secrets);
    return { ok: false, code: "audit:unavailable", message: `Could not record the attempt in ${env.name}: ${info.message}` };
  }
}
