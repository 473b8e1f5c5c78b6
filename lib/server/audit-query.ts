import "server-only";
import { listRuns, MAX_AUDIT_LIMIT, type AuditNote } from "./audit/read";
import type { AuditFilters } from "./audit/filters";
import type { EnvironmentConfig } from "./config";

// The audit page's and the export's view of runs: one row per run, as before the run format.
// New code should use audit/read.ts's listRuns, which returns the typed runs themselves.

export { auditFiltersSchema, type AuditFilters } from "./audit/filters";
export { listRuns, MAX_AUDIT_LIMIT, type AuditNote } from "./audit/read";
export type { AuditRun, AuditRunView, AuditStep, RunStatus } from "./audit/types";

/** One audit row as shown and exported (serializable). */
export interface AuditRow {
  /** The run's id (a UUID; "legacy-N" for rows of the old format). */
  id: string;
  at: string;
  endedAt?: string | null;
  environment: string;
  actor: string;
  action: string;
  target: string;
  rowsBefore: string[];
  rowsAfter: string[];
  steps: unknown;
  /** The run's status: running, applied, failed, refused, rehearsed or interrupted. */
  result: string;
  durationMs: number | null;
  error: string | null;
}

/** Newest first, merged across environments; `notes` names the environments that could not be read. */
export async function listAuditEntries({ environments, filters = {}, limit = 200, schema }: {
  environments: readonly EnvironmentConfig[];
  filters?: AuditFilters;
  limit?: number;
  schema?: string;
}): Promise<{ entries: AuditRow[]; notes: AuditNote[] }> {
  const { runs, notes } = await listRuns({ environments, filters, limit: Math.min(limit, MAX_AUDIT_LIMIT), schema });
  const entries = runs.map((run) => ({
    id: run.id, at: run.startedAt, endedAt: run.endedAt, environment: run.environment, actor: run.actor, action: run.action,
    target: run.target, rowsBefore: run.rowsBefore, rowsAfter: run.rowsAfter, steps: run.steps, result: run.status,
    durationMs: run.durationMs, error: run.error,
  }));
  return { entries, notes };
}
