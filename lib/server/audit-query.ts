import "server-only";
import { z } from "zod";
import { auditPool, auditSchemaName, auditTableName } from "./audit";
import { databaseUrlOf, type EnvironmentConfig } from "./config";
import { sanitizeDbError, secretsOf } from "./pg";

// Reading the audit log across environments. Each environment's rows live in its own database;
// an unreachable one is skipped with a note rather than failing the whole page.

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), z.string().max(max).optional());
const optionalDate = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().max(40).refine((v) => !Number.isNaN(Date.parse(v)), "Use a date like 2026-01-31").optional(),
);

export const auditFiltersSchema = z.object({
  environment: optionalText(64),
  actor: optionalText(128),
  action: optionalText(32),
  result: optionalText(32),
  from: optionalDate,
  to: optionalDate,
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** One audit row as shown and exported (serializable). */
export interface AuditRow {
  id: string;
  at: string;
  environment: string;
  actor: string;
  action: string;
  target: string;
  rowsBefore: string[];
  rowsAfter: string[];
  steps: unknown;
  result: string;
  durationMs: number | null;
  error: string | null;
}

export interface AuditNote {
  environment: string;
  message: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function whereClause(environment: string, filters: AuditFilters): { sql: string; params: unknown[] } {
  const params: unknown[] = [environment];
  const conditions = ["environment = $1"];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(sql.replace("?", `$${params.length}`));
  };
  if (filters.actor) add("actor = ?", filters.actor);
  if (filters.action) add("action = ?", filters.action);
  if (filters.result) add("result = ?", filters.result);
  if (filters.from) add("at >= ?", new Date(filters.from).toISOString());
  if (filters.to) {
    // A bare date means the whole of that day.
    if (DATE_ONLY.test(filters.to)) add("at < ?", new Date(Date.parse(filters.to) + 86_400_000).toISOString());
    else add("at <= ?", new Date(filters.to).toISOString());
  }
  return { sql: conditions.join(" AND "), params };
}

interface DbRow {
  id: string;
  at: Date;
  environment: string;
  actor: string;
  action: string;
  target: string;
  rows_before: string[];
  rows_after: string[];
  steps: unknown;
  result: string;
  duration_ms: number | null;
  error: string | null;
}

const toRow = (r: DbRow): AuditRow => ({
  id: r.id,
  at: r.at.toISOString(),
  environment: r.environment,
  actor: r.actor,
  action: r.action,
  target: r.target,
  rowsBefore: r.rows_before,
  rowsAfter: r.rows_after,
  steps: r.steps,
  result: r.result,
  durationMs: r.duration_ms,
  error: r.error,
});

async function entriesOf(environment: EnvironmentConfig, filters: AuditFilters, limit: number, schema?: string): Promise<AuditRow[]> {
  const { sql, params } = whereClause(environment.name, filters);
  try {
    const { rows } = await auditPool(environment).query<DbRow>(
      `SELECT id::text AS id, at, environment, actor, action, target, rows_before, rows_after, steps, result, duration_ms, error
         FROM ${auditTableName(schema)} WHERE ${sql} ORDER BY at DESC, id DESC LIMIT ${limit}`,
      params,
    );
    return rows.map(toRow);
  } catch (error) {
    // No audit table (42P01) or schema (3F000) yet: nothing was ever recorded there.
    const code = (error as { code?: unknown }).code;
    if (code === "42P01" || code === "3F000") return [];
    throw error;
  }
}

export const MAX_AUDIT_LIMIT = 10_000;

/** Newest first, merged across environments; `notes` names the environments that could not be read. */
export async function listAuditEntries({
  environments,
  filters = {},
  limit = 200,
  schema,
}: {
  environments: readonly EnvironmentConfig[];
  filters?: AuditFilters;
  limit?: number;
  schema?: string;
}): Promise<{ entries: AuditRow[]; notes: AuditNote[] }> {
  const safeLimit = Math.max(1, Math.min(MAX_AUDIT_LIMIT, Math.floor(limit)));
  auditSchemaName(schema); // a misconfigured schema name is a setup error, reported once, not per environment
  const chosen = environments.filter((e) => !filters.environment || e.name === filters.environment);
  const results = await Promise.allSettled(chosen.map((e) => entriesOf(e, filters, safeLimit, schema)));
  const entries: AuditRow[] = [];
  const notes: AuditNote[] = [];
  results.forEach((result, i) => {
    const environment = chosen[i]!;
    if (result.status === "fulfilled") entries.push(...result.value);
    else {
      const info = sanitizeDbError(result.reason, secretsOf(databaseUrlOf(environment)));
      notes.push({ environment: environment.name, message: `Audit log not readable (${info.code}): ${info.message}` });
    }
  });
  entries.sort((a, b) => (a.at === b.at ? Number(b.id) - Number(a.id) : a.at < b.at ? 1 : -1));
  return { entries: entries.slice(0, safeLimit), notes };
}
