import "server-only";
import type { Direction, VersionOp } from "../../core/types";
import type { RunHolder } from "../db/holder";

// One row of retort_audit per run (not per step): what was asked, by whom, what each step did,
// and who holds the run while it is `running`, so a reader can tell a live run from a dead one.

export type AuditAction = "upgrade" | "downgrade" | "stamp" | "rehearse" | "merge" | "approve";

export type RunStatus = "running" | "applied" | "failed" | "refused" | "rehearsed" | "interrupted";

export interface AuditStepError {
  code: string;
  message: string;
  /** The failing statement, clipped. */
  statement?: string;
  /** Its line in the revision file. */
  line?: number;
}

export interface AuditStep {
  /** Null for a stamp (its version ops are the whole change). */
  revision: string | null;
  direction: Direction | null;
  /** applied, failed, not-run, rolled-back, rehearsed, interrupted; old rows: applied or failed. */
  status: string;
  durationMs: number;
  error?: AuditStepError;
  versionOps?: VersionOp[];
  /** MySQL partial failure: how many of the step's statements ran (and stayed) before it failed. */
  statementsRun?: number;
  statementsTotal?: number;
}

export interface AuditRun {
  /** A global id (UUID); old per-step rows read back as "legacy-<row id>". */
  id: string;
  environment: string;
  actor: string;
  action: AuditAction;
  target: string;
  /** "schema.table" or "table"; null where unknown (refusals before a target was known). */
  versionTable: string | null;
  rowsBefore: string[];
  rowsAfter: string[];
  steps: AuditStep[];
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  /** Present on `running` runs (and kept afterwards): which process ran it. */
  holder: RunHolder | null;
  /** Secret-free, "code: message". */
  error: string | null;
}

/** A run as read back: its row id, and whether it came from the old one-row-per-step format. */
export interface AuditRunView extends AuditRun {
  rowId: string;
  legacy: boolean;
  durationMs: number | null;
}
