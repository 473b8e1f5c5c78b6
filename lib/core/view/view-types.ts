// Serializable shapes the server hands to pages and client components.
// Nothing here may hold a database URL or password.
import type { MigrationFormat, Problem, VersionOp } from "../types";

export type Protection = "none" | "confirm" | "approval" | "readonly";

export type EnvironmentStatusKind =
  | "current" // rows equal the real heads
  | "behind" // rows are ancestors of the heads; `pending` revisions to apply
  | "unknown-revision" // a row names a revision not in the directory
  | "overlapping" // one row is an ancestor of another
  | "unversioned" // user tables exist but no version table
  | "empty" // no version table (or an empty one) and no user tables
  | "unreachable"; // could not connect / read (reason given)

export interface RevisionNodeView {
  revision: string;
  message: string;
  downRevisions: string[];
  /** Resolved depends_on ids. */
  dependsOn: string[];
  /**
   * Labels this revision declares, sorted. Labels spread to descendants (§2.4), so sending the
   * propagated set would repeat every label on every later revision and bloat the graph payload.
   */
  branchLabels: string[];
  path: string;
  /** Left out of the graph page's payload (see graph-payload.ts): only the revision page shows it. */
  createDate?: string | null;
  isHead: boolean;
  isRealHead: boolean;
  isEffectiveHead: boolean;
  isBase: boolean;
  isBranchPoint: boolean;
  isMergePoint: boolean;
}

export interface ProjectGraphView {
  project: string;
  format: MigrationFormat | null;
  /** In history order (children before parents, §2.5), for layout. */
  revisions: RevisionNodeView[];
  heads: string[];
  realHeads: string[];
  bases: string[];
  problems: Problem[];
}

export interface EnvironmentView {
  name: string;
  project: string;
  protection: Protection;
  status: EnvironmentStatusKind;
  /** Rows of the version table as read (sorted). Empty when the table is missing. */
  rows: string[];
  tableExists: boolean;
  /** What `alembic current` would show: rows plus implied dependencies (§7.4). */
  current: string[];
  /** Revisions an `upgrade heads` would apply, in execution order. */
  pending: string[];
  /** Rows not found in the directory (status unknown-revision). */
  unknownRows: string[];
  /** Human reason for unreachable / problems reading, with no secrets (also a note, e.g. a SQLite file not created yet). */
  reason?: string;
  versionTable: string;
  versionSchema: string | null;
  /** The backend, from the URL's scheme; null when the URL cannot be used. */
  database?: "postgresql" | "sqlite" | "mysql" | null;
}

export interface PendingStepView {
  revision: string;
  message: string;
  direction: "up" | "down";
  versionOps: VersionOp[];
  /** Native SQL projects only: the statements the step runs. */
  sql?: string;
  transactional?: boolean;
}

export interface RevisionDetailView {
  project: string;
  node: RevisionNodeView;
  children: string[];
  /** Revisions that depend on this one. */
  dependents: string[];
  longDoc: string;
  /** Every label the revision carries after propagation, as Alembic's history shows them. */
  labels: string[];
  source: string;
  sourceLanguage: "sql" | "python";
  /** Environments whose rows imply this revision (applied). */
  appliedIn: string[];
}

/** An action running now in the server process (environment page, polled while it runs). */
export interface RunningActionView {
  runId: string;
  environment: string;
  action: string;
  actor: string;
  target: string;
  startedAt: string;
  /** The revision whose step runs now, if any. */
  step: string | null;
  cancelledBy: string | null;
  /** False for a run Retort cannot stop once started. */
  cancellable: boolean;
  /** Set while its statement waits for a lock: who holds it (no hosts, users or URLs). */
  waiting: { blockedBy: string; since: string | null; lock?: string } | null;
}
