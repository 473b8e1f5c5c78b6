import "server-only";
import { appendAuditRecord } from "../meta/audit-trail";
import type { AuditRun } from "./types";

// A finished run is also one record of Retort's hash-chained audit trail (metadata database):
// the target database's retort_audit can be rewritten by anyone holding its migration
// credentials, the chain cannot without `retort audit verify` noticing. Best effort: a run's
// outcome never depends on the metadata database being up.

function stepsText(run: AuditRun): string {
  return run.steps.map((s) => `${s.revision ?? "stamp"}${s.direction ? ` ${s.direction}` : ""} ${s.status}`).join("; ");
}

export async function mirrorRunToTrail(run: AuditRun): Promise<void> {
  if (run.status === "running") return;
  await appendAuditRecord({
    kind: "run",
    actor: run.actor,
    environment: run.environment,
    subject: `${run.environment}:${run.id}`,
    detail: {
      action: run.action, target: run.target, status: run.status, rowsBefore: run.rowsBefore, rowsAfter: run.rowsAfter,
      steps: stepsText(run), startedAt: run.startedAt, endedAt: run.endedAt, error: run.error,
    },
  }).catch(() => undefined);
}

export interface MergeRecord {
  actor: string;
  project: string;
  revision: string;
  /** The new file, relative to the project root. */
  path: string;
  parents: string[];
  message: string;
}

/** A merge writes a file, not a database: it has no retort_audit, so the trail is its record. */
export async function recordMerge(merge: MergeRecord): Promise<void> {
  await appendAuditRecord({
    kind: "merge",
    actor: merge.actor,
    environment: null,
    subject: merge.revision,
    detail: { project: merge.project, path: merge.path, parents: merge.parents, message: merge.message },
  }).catch(() => undefined);
}
