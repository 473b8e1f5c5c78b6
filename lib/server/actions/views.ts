import "server-only";
import type { Direction, MigrationFormat, VersionOp } from "../../core/types";
import type { Protection } from "../../core/view/view-types";

// Serializable shapes the guarded actions hand to the browser. Type-only: client components
// reach them through the server-action modules in app/, which re-export them. Nothing here may
// hold a database URL or password.

export type EnvironmentActionKind = "upgrade" | "downgrade" | "stamp" | "rehearse";
export type ActionKind = EnvironmentActionKind | "merge" | "approve";

/** What a person asked for, as typed. */
export interface ActionRequest {
  kind: EnvironmentActionKind;
  /** upgrade / downgrade / rehearse: `heads`, `head`, a revision, `label@head`, `+N`, `-N`, `base`. */
  target: string;
  /** stamp: one or more revisions. */
  targets: string[];
  purge: boolean;
}

/** How an environment's protection guards an action. */
export type Guard = "run" | "type-name" | "approval" | "refused";

export interface ActionAvailability {
  kind: EnvironmentActionKind;
  enabled: boolean;
  guard: Guard;
  /** Why the button is disabled, or what will be asked before it runs. */
  reason?: string;
}

export interface RevisionChoice {
  revision: string;
  message: string;
  labels: string[];
  isHead: boolean;
}

export interface ActionPanelView {
  env: string;
  project: string;
  protection: Protection;
  format: MigrationFormat | null;
  user: { name: string; role: string };
  /** Empty for viewers and readonly environments: no buttons at all. */
  actions: ActionAvailability[];
  rows: string[];
  reachable: boolean;
  revisions: RevisionChoice[];
  heads: string[];
  pendingApprovals: number;
}

export interface PreviewStep {
  revision: string;
  message: string;
  direction: Direction;
  versionOps: VersionOp[];
  rowsAfter: string[];
  /** Native SQL projects: the statements this step runs. */
  sql?: string;
  transactional?: boolean;
}

export interface ActionPreview {
  env: string;
  request: ActionRequest;
  executor: "sql" | "alembic";
  guard: Guard;
  steps: PreviewStep[];
  /** Stamp: the version-table changes. */
  stampOps: VersionOp[];
  rowsBefore: string[];
  rowsAfter: string[];
  notes: string[];
  /** What may be lost or will fail: data a downgrade drops, steps a rehearsal cannot reach. */
  warnings: string[];
  /** Native SQL: the whole run as `alembic upgrade --sql` would print it; stamp: its SQL. */
  sql: string | null;
  /** Alembic projects: the command Retort will run (the URL is passed in the environment). */
  command: string | null;
  /** Sent back with the confirmation; the server refuses if the plan it re-makes differs. */
  planDigest: string;
}

export type StepStatus = "applied" | "failed" | "not-run" | "rolled-back" | "rehearsed";

export interface StepOutcome {
  revision: string;
  direction: Direction;
  status: StepStatus;
  durationMs: number;
  /** `statement` (clipped) and `line` (in the revision file) name where a native SQL step failed. */
  error?: { code: string; message: string; statement?: string; line?: number };
}

export interface ActionOutcome {
  env: string;
  request: ActionRequest;
  executor: "sql" | "alembic";
  steps: StepOutcome[];
  rowsBefore: string[];
  rowsAfter: string[];
  /** The rows the plan promised. */
  plannedRows: string[];
  /** Whether the rows read afterwards are the rows the plan promised. */
  matchesPlan: boolean;
  /** Rehearsal: the rows inside the transaction just before its rollback. */
  rehearsedRows?: string[];
  /** Alembic: its stdout and stderr, URL redacted. */
  output?: string;
  /** The audit run id of this run (retort_audit.run_id). */
  runId?: string;
  /** Set when the action became an approval request instead of running. */
  approval?: ApprovalView;
}

export type ApprovalStatus = "pending" | "running" | "applied" | "failed" | "rejected" | "interrupted" | "closed";

/** One step of an approval request, as the requester's preview showed it. */
export interface ApprovalStep {
  revision: string;
  direction: Direction;
  message: string;
  /** Native SQL projects: the statements it runs. */
  sql?: string;
}

export interface ApprovalView {
  id: string;
  env: string;
  request: ActionRequest;
  expectedRows: string[];
  plannedRows: string[];
  steps: string[];
  /** The steps with their messages and SQL (empty for requests made before they were stored). */
  stepDetails: ApprovalStep[];
  /** Why the requester wants it (required on new requests). */
  reason: string | null;
  requestedBy: string;
  requestedAt: string;
  status: ApprovalStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  message: string | null;
}

export interface MergeOutcome {
  project: string;
  revision: string;
  /** Relative to the project root. */
  path: string;
  /** The new file's text, as written. */
  content: string;
  language: "sql" | "python";
  downRevisions: string[];
  headsAfter: string[];
}

export interface ActionFailure {
  ok: false;
  /** e.g. `forbidden:stamp`, `locked:upgrade`, `rows-changed`, `invalid:input`. */
  code: string;
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** Rows found when refused (rows-changed), lock holder (locked), or what ran (failures). */
  rowsNow?: string[];
  heldBy?: string;
  since?: string | null;
  outcome?: ActionOutcome;
}

export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/** How an unknown version row got there, from the audit log: the known rows just before it. */
export interface UnknownRowOrigin {
  /** The unknown row. */
  revision: string;
  /** The rows before it was written, all known to the directory. */
  rowsBefore: string[];
  actor: string;
  at: string;
}
