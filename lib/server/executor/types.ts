import "server-only";
import type { Direction, MigrationPlan, RevisionSource, StampPlan } from "../../core/types";
import type { Dialect } from "../db/dialect";
import type { ConnectionSource, DbConnection, DbErrorInfo, VersionTableTarget } from "../db/types";
import type { ChecksumHook } from "./checksums";

export type ExecutionCode =
  | "locked" // another Retort run holds this version table's lock
  | "rows-changed" // the version rows differ from what the user previewed
  | "step-failed" // a migration failed; earlier steps stay applied (per-step) or were rolled back
  | "cancelled" // someone cancelled the run; the step it was in was undone where the backend allows
  | "not-rehearsable" // rehearsal reached a step that cannot run inside a transaction (or a backend that cannot roll DDL back)
  | "not-supported" // the backend cannot do what was asked (one transaction for DDL on MySQL)
  | "stamp-failed"
  | "version-table" // the version table could not be created (e.g. its schema is missing)
  | "missing-sql" // a planned revision has no native SQL to run
  | "invalid-target" // table or schema name is not a plain identifier, or not one this backend has
  | "audit" // the run could not be recorded, so it did not start
  | "connection" // could not connect, or the connection died mid-run
  | "internal";

export type StepStatus = "applied" | "failed" | "not-run" | "rolled-back" | "rehearsed";

export interface StepResult {
  revision: string;
  direction: Direction;
  /** "rolled-back": it ran, but the single transaction it was in was undone; "rehearsed": ran, then rolled back on purpose. */
  status: StepStatus;
  durationMs: number;
  /** The database's own message and code, the failing statement and its line; URLs, hosts and users removed. */
  error?: DbErrorInfo;
  /** Set when statements of a failed step stayed applied (MySQL DDL, `transactional: false`): how many of how many. */
  partial?: { ran: number; total: number };
}

export interface ExecutionResult {
  ok: boolean;
  code?: ExecutionCode;
  message?: string;
  /** Execution order; empty for a stamp. */
  steps: StepResult[];
  /**
   * Version rows read under the lock before anything ran, sorted. When the run was refused before
   * any read (bad identifiers, missing SQL, no connection) both lists echo the previewed rows.
   */
  rowsBefore: string[];
  /** Version rows re-read at the end, sorted. */
  rowsAfter: string[];
  /** `locked`: who holds the lock and since when. */
  heldBy?: string;
  since?: string | null;
  /** Rehearsal only: the rows inside the rehearsal transaction, just before its rollback. */
  rehearsedRows?: string[];
  /** The audit run id, when the run was recorded. */
  runId?: string;
}

/** Where the run is recorded (retort_audit in the same database) and tracked (the running-actions registry). */
export interface AuditTarget {
  environment: string;
  /** PostgreSQL audit schema (default RETORT_AUDIT_SCHEMA, else public). */
  schema?: string;
}

export interface CommonOptions {
  connection: ConnectionSource;
  target: VersionTableTarget;
  /** The rows the user saw when they approved the plan; anything else is refused. */
  expectedRows: readonly string[];
  actor: string;
  audit?: AuditTarget;
  /** What must never appear in a message (the URL's secrets); URL-shaped text is removed regardless. */
  secrets?: readonly string[];
  /** Record applied and stamped revisions' file digests in retort_revision (issue 8). */
  checksums?: ChecksumHook;
}

export interface MigrationOptions extends CommonOptions {
  plan: MigrationPlan;
  sources: ReadonlyMap<string, RevisionSource>;
  /** "per-step": each migration commits with its version rows; "single": one transaction where possible. */
  transactionMode: "per-step" | "single";
}

export type RehearsalOptions = Omit<MigrationOptions, "transactionMode">;

export interface StampOptions extends CommonOptions {
  plan: StampPlan;
}

/** What the guarded work decides; the session adds the rows it read before and after. */
export type Outcome = Omit<ExecutionResult, "rowsBefore" | "rowsAfter">;
