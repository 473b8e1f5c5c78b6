import "server-only";
import type { AuditSql } from "../db/dialect";
import type { AuditAction, AuditRunView, AuditStep, RunStatus } from "./types";

// One retort_audit row as a run. Rows of the old format (one per step, no run_id) read as
// one-step runs: their steps were {revision, direction, versionOps, versionTable}, or the
// executor's step outcomes for rehearsals and Alembic runs.

export interface AuditDbRow {
  id: unknown;
  at: unknown;
  environment: string;
  actor: string;
  action: string;
  target: string;
  rows_before: unknown;
  rows_after: unknown;
  steps: unknown;
  result: string;
  duration_ms: unknown;
  error: string | null;
  run_id: string | null;
  ended_at: unknown;
  holder_host: string | null;
  holder_pid: unknown;
  holder_instance: string | null;
  version_table: string | null;
}

export function decodeRun(row: AuditDbRow, audit: AuditSql): AuditRunView {
  const legacy = row.run_id === null || row.run_id === undefined;
  const startedAt = audit.readTime(row.at);
  const durationMs = row.duration_ms === null || row.duration_ms === undefined ? null : Number(row.duration_ms);
  const rawSteps = audit.readJson(row.steps);
  const list = Array.isArray(rawSteps) ? (rawSteps as Record<string, unknown>[]) : [];
  const status = (legacy && row.action === "rehearse" && row.result === "applied" ? "rehearsed" : row.result) as RunStatus;
  const endedAt = row.ended_at !== null && row.ended_at !== undefined
    ? audit.readTime(row.ended_at)
    : legacy ? new Date(Date.parse(startedAt) + (durationMs ?? 0)).toISOString() : null;
  return {
    id: legacy ? `legacy-${String(row.id)}` : row.run_id!,
    rowId: String(row.id),
    legacy,
    environment: row.environment,
    actor: row.actor,
    action: row.action as AuditAction,
    target: row.target,
    versionTable: row.version_table ?? (typeof list[0]?.versionTable === "string" ? (list[0].versionTable as string) : null),
    rowsBefore: audit.readList(row.rows_before),
    rowsAfter: audit.readList(row.rows_after),
    steps: legacy ? list.map((step) => legacyStep(step, row.result, durationMs)) : (list as unknown as AuditStep[]),
    status,
    startedAt,
    endedAt,
    durationMs,
    holder: row.holder_host ? { host: row.holder_host, pid: Number(row.holder_pid), instance: row.holder_instance ?? "" } : null,
    error: row.error,
  };
}

function legacyStep(step: Record<string, unknown>, result: string, durationMs: number | null): AuditStep {
  const error = step.error as { code?: unknown; message?: unknown } | undefined;
  return {
    revision: typeof step.revision === "string" ? step.revision : null,
    direction: step.direction === "up" || step.direction === "down" ? step.direction : null,
    status: typeof step.status === "string" ? step.status : result,
    durationMs: typeof step.durationMs === "number" ? step.durationMs : (durationMs ?? 0),
    ...(Array.isArray(step.versionOps) ? { versionOps: step.versionOps as AuditStep["versionOps"] } : {}),
    ...(error && typeof error.message === "string" ? { error: { code: String(error.code ?? "unknown"), message: error.message } } : {}),
  };
}

/** "schema.table" or "table" back into a target. */
export function targetOf(versionTable: string | null): { table: string; schema: string | null } | null {
  if (!versionTable) return null;
  const dot = versionTable.indexOf(".");
  return dot < 0 ? { table: versionTable, schema: null } : { table: versionTable.slice(dot + 1), schema: versionTable.slice(0, dot) };
}
