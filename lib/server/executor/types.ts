import "server-only";
import type pg from "pg";
import type { Direction, MigrationPlan, RevisionSource, StampPlan } from "../../core/types";
import type { AuditSink } from "../audit-types";
import type { ConnectionSource, DbErrorInfo } from "../pg";
import type { VersionTableTarget } from "../sql-identifiers";

export type ExecutionCode =
  | "locked" // another Retort run holds this version table's lock
  | "rows-changed" // the version rows differ from what the user previewed
  | "step-failed" // a migration failed; earlier steps stay applied (per-step) or were rolled back
  | "not-rehearsable" // rehearsal reached a step that cannot run inside a transaction
  | "stamp-failed"
  | "version-table" // the version table could not be created (e.g. its schema is missing)
  | "missing-sql" // a planned revision has no native SQL to run
  | "invalid-target" // table or schema name is not a plain identifier
  | "connection" // could not connect, or the connection died mid-run
  | "internal";

export type StepStatus = "applied" | "failed" | "not-run" | "rolled-back" | "rehearsed";

export interface StepResult {
  revision: string;
  direction: Direction;
  /** "rolled-back": it ran, but the single transaction it was in was undone; "rehearsed": ran, then rolled back on purpose. */
  status: StepStatus;
  durationMs: number;
  /** The database's own message with its SQLSTATE as `code`; URLs, hosts and users removed. */
  error?: DbErrorInfo;
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
  /** `locked`: who holds the lock and since when (their connection's start). */
  heldBy?: string;
  since?: string | null;
  /** Rehearsal only: the rows inside the rehearsal transaction, just before its rollback. */
  rehearsedRows?: string[];
}

export interface CommonOptions {
  connection: ConnectionSource;
  target: VersionTableTarget;
  /** The rows the user saw when they approved the plan; anything else is refused. */
  expectedRows: readonly string[];
  actor: string;
  audit?: AuditSink;
}

export interface MigrationOptions extends CommonOptions {
  plan: MigrationPlan;
  sources: ReadonlyMap<string, RevisionSource>;
  /** "per-step": each migration commits with its version rows; "single": one transaction where possible. */
  transactionMode: "per-step" | "single";
}

export type RehearsalOptions = Omit<MigrationOptions, "transactionMode" | "audit">;

export interface StampOptions extends CommonOptions {
  plan: StampPlan;
}

/** What a locked session hands to the work it guards. */
export interface Session {
  client: pg.ClientBase;
  target: VersionTableTarget;
  rowsBefore: string[];
  secrets: string[];
}

/** What the guarded work decides; the session adds the rows it read before and after. */
export type Outcome = Omit<ExecutionResult, "rowsBefore" | "rowsAfter">;
