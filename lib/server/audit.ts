import "server-only";
import type pg from "pg";
import type { AuditEntry, AuditSink } from "./audit-types";
import { databaseUrlOf, type EnvironmentConfig } from "./config";
import { getPool, sanitizeDbError, secretsOf } from "./pg";
import { quoteIdentifier, validateIdentifier } from "./sql-identifiers";

// The audit log lives in each target database, in `retort_audit`, so a change and its record
// commit or roll back together. Schema: RETORT_AUDIT_SCHEMA, default public.

export const AUDIT_TABLE = "retort_audit";
export type AuditAction = AuditEntry["action"] | "merge" | "rehearse" | "approve";

/** One row of retort_audit, as written. */
export interface AuditRecord {
  at: string;
  actor: string;
  environment: string;
  action: AuditAction;
  target: string;
  rowsBefore: string[];
  rowsAfter: string[];
  steps: unknown[];
  /** "applied", "failed" (from the executor) or "refused" (an attempt stopped before it ran). */
  result: "applied" | "failed" | "refused";
  durationMs: number | null;
  error: string | null;
}

export function auditSchemaName(schema?: string): string {
  return validateIdentifier(schema ?? process.env.RETORT_AUDIT_SCHEMA ?? "public", "audit schema");
}

export function auditTableName(schema?: string): string {
  return `${quoteIdentifier(auditSchemaName(schema), "audit schema")}.${quoteIdentifier(AUDIT_TABLE)}`;
}

function createStatements(schema: string): string[] {
  const table = auditTableName(schema);
  return [
    `CREATE TABLE IF NOT EXISTS ${table} (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      environment text NOT NULL,
      action text NOT NULL,
      target text NOT NULL,
      rows_before text[] NOT NULL DEFAULT '{}',
      rows_after text[] NOT NULL DEFAULT '{}',
      steps jsonb NOT NULL DEFAULT '[]',
      result text NOT NULL,
      duration_ms integer,
      error text
    )`,
    `CREATE INDEX IF NOT EXISTS "retort_audit_environment_at_idx" ON ${table} (environment, at DESC)`,
  ];
}

async function tableExists(client: pg.ClientBase, schema: string): Promise<boolean> {
  const { rows } = await client.query<{ present: boolean }>("SELECT to_regclass($1) IS NOT NULL AS present", [auditTableName(schema)]);
  return rows[0]?.present === true;
}

/**
 * Create the table if missing. Must run inside a transaction: the creation sits in a savepoint,
 * so a concurrent creator (unique violation on the type name) does not abort the caller's work.
 */
export async function ensureAuditTable(client: pg.ClientBase, schema?: string): Promise<void> {
  const name = auditSchemaName(schema);
  if (await tableExists(client, name)) return;
  await client.query("SAVEPOINT retort_audit_create");
  try {
    const { rows } = await client.query<{ present: boolean }>("SELECT to_regnamespace($1) IS NOT NULL AS present", [quoteIdentifier(name)]);
    // CREATE SCHEMA IF NOT EXISTS checks the privilege before the existence: only ask when needed.
    if (!rows[0]?.present) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(name, "audit schema")}`);
    for (const statement of createStatements(name)) await client.query(statement);
    await client.query("RELEASE SAVEPOINT retort_audit_create");
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT retort_audit_create");
    await client.query("RELEASE SAVEPOINT retort_audit_create");
    if (!(await tableExists(client, name))) throw error;
  }
}

const clip = (text: string, max = 4000) => (text.length > max ? `${text.slice(0, max)}…` : text);

export async function insertAuditRecord(client: pg.ClientBase, record: AuditRecord, schema?: string): Promise<void> {
  await client.query(
    `INSERT INTO ${auditTableName(schema)}
       (at, actor, environment, action, target, rows_before, rows_after, steps, result, duration_ms, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)`,
    [
      record.at, clip(record.actor, 200), record.environment, record.action, clip(record.target, 1000),
      record.rowsBefore, record.rowsAfter, JSON.stringify(record.steps), record.result,
      record.durationMs === null ? null : Math.round(record.durationMs), record.error === null ? null : clip(record.error),
    ],
  );
}

export function recordFromEntry(environment: string, entry: AuditEntry): AuditRecord {
  const { table, schema } = entry.versionTable;
  return {
    at: entry.startedAt,
    actor: entry.actor,
    environment,
    action: entry.action,
    target: entry.target,
    rowsBefore: entry.rowsBefore,
    rowsAfter: entry.rowsAfter,
    steps: [{ revision: entry.revision, direction: entry.direction, versionOps: entry.versionOps, versionTable: schema ? `${schema}.${table}` : table }],
    result: entry.status,
    durationMs: entry.durationMs,
    error: entry.error ? `${entry.error.code}: ${entry.error.message}` : null,
  };
}

/** The executor's sink for one environment: records inside the executor's own transaction. */
export function createAuditSink({ environment, schema }: { environment: string; schema?: string }): AuditSink {
  const name = auditSchemaName(schema);
  return {
    async record(client, entry) {
      await ensureAuditTable(client, name);
      await insertAuditRecord(client, recordFromEntry(environment, entry), name);
    },
  };
}

/** The audit pool of an environment (small: audit reads and refused attempts only). */
export function auditPool(environment: EnvironmentConfig): pg.Pool {
  return getPool(`audit:${environment.name}`, {
    connectionString: databaseUrlOf(environment),
    max: 2,
    connectionTimeoutMs: 5_000,
    statementTimeoutMs: 15_000,
  });
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

/** Record an attempt refused before any transaction began (best effort; reports, never throws). */
export async function recordAttempt(attempt: AuditAttempt): Promise<AttemptResult> {
  const record: AuditRecord = {
    at: new Date().toISOString(),
    actor: attempt.actor,
    environment: attempt.environment.name,
    action: attempt.action,
    target: attempt.target,
    rowsBefore: attempt.rowsBefore ?? [],
    rowsAfter: attempt.rowsBefore ?? [],
    steps: [],
    result: "refused",
    durationMs: null,
    error: `${attempt.code}: ${attempt.message}`,
  };
  let client: pg.PoolClient | null = null;
  try {
    client = await auditPool(attempt.environment).connect();
    await client.query("BEGIN");
    await ensureAuditTable(client, attempt.schema);
    await insertAuditRecord(client, record, attempt.schema);
    await client.query("COMMIT");
    client.release();
    return { ok: true };
  } catch (error) {
    await client?.query("ROLLBACK").catch(() => undefined);
    client?.release(true);
    const info = sanitizeDbError(error, secretsOf(databaseUrlOf(attempt.environment)));
    return { ok: false, code: "audit:unavailable", message: `Could not record the attempt in ${attempt.environment.name}: ${info.message}` };
  }
}
