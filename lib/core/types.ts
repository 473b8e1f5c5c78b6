// Shared vocabulary of the revision engine. Pure types: no I/O, no runtime imports.

export type MigrationFormat = "alembic" | "sql";

/** One revision file as a parser read it, before any graph is built. */
export interface RevisionSource {
  revision: string;
  /** `down_revision` as full ids, in written order; empty for a base. */
  downRevisions: string[];
  /** `depends_on` as written: full revision ids or branch labels. */
  dependsOn: string[];
  branchLabels: string[];
  /** Alembic's `doc`: the docstring up to the first blank line ("message" for SQL files). */
  message: string;
  /** The whole docstring, stripped (Alembic's `longdoc`). */
  longDoc: string;
  /** "Create Date" as written, if any. Alembic never reads it back; informational only. */
  createDate: string | null;
  /** Path of the file relative to the project root (POSIX separators). */
  path: string;
  format: MigrationFormat;
  /** Native SQL only. */
  sql?: {
    up: string;
    down: string;
    transactional: boolean;
    /** File lines where the trimmed `up` and `down` texts begin, so a failing statement can be located. */
    upLine?: number;
    downLine?: number;
  };
  /** Variables whose value could not be read statically (kept empty here; see the file's problems). */
  unreadable?: string[];
}

export type ProblemKind =
  | "syntax" // the file cannot be read the way Alembic would load it
  | "missing-revision-id"
  | "missing-down-revision"
  | "empty-down-revision"
  | "bad-revision-id"
  | "unreadable" // e.g. sourceless .pyc, a binary or oversized file, a dangling symlink
  | "unreadable-value" // a value Python computes at import time that Retort could not evaluate statically
  | "no-revisions"
  | "outside-project"
  | "too-many-problems"
  | "duplicate-revision"
  | "missing-parent"
  | "unknown-dependency"
  | "self-loop"
  | "dependency-self-loop"
  | "cycle"
  | "dependency-cycle"
  | "duplicate-label"
  | "ini"
  | "mixed-formats"
  | "duplicate-file";

/** A load-time problem, as data so the UI can point at the file and revisions involved. */
export interface Problem {
  kind: ProblemKind;
  message: string;
  path?: string;
  line?: number;
  revisions?: string[];
  /** What a person should do about it. */
  fix?: string;
  /** Warnings (e.g. a file reached twice) do not fail `retort check`. Default: error. */
  severity?: "error" | "warning";
}

export interface ParseResult {
  revision: RevisionSource | null;
  problems: Problem[];
  /** Other files the values came from (imported constant modules), absolute; absent when none. */
  reads?: string[];
}

/** A revision in a built map, with every derived set of alembic-semantics §2.2. */
export interface Revision extends RevisionSource {
  /** Load order (insertion order of Alembic's revision map). */
  index: number;
  /** depends_on resolved to full revision ids (labels → the revision declaring them). */
  resolvedDependencies: string[];
  /** §2.3 normdeps: resolved deps minus those already depended on by a down-edge ancestor. */
  normalizedDependencies: string[];
  /** §2.3 normdown: downRevisions + normalizedDependencies, de-duplicated, order kept. */
  normalizedDown: string[];
  /** Children naming this revision in down_revision (`nextrev`), in load order. */
  nextRevisions: string[];
  /** Children naming this revision in down_revision or depends_on (`all_nextrev`). */
  allNextRevisions: string[];
  /** Labels after propagation (§2.4), sorted. */
  propagatedLabels: string[];
  isHead: boolean;
  isRealHead: boolean;
  isEffectiveHead: boolean;
  isBase: boolean;
  isRealBase: boolean;
  isBranchPoint: boolean;
  isRealBranchPoint: boolean;
  isMergePoint: boolean;
}

export type VersionOp =
  | { op: "insert"; revision: string }
  | { op: "update"; from: string; to: string }
  | { op: "delete"; revision: string };

export type Direction = "up" | "down";

/** One migration of an upgrade or downgrade, in execution order. */
export interface PlanStep {
  revision: string;
  direction: Direction;
  /** Version-table changes made right after this migration's body (§4.3). */
  versionOps: VersionOp[];
  /** Version rows after this step, sorted. */
  rowsAfter: string[];
}

export interface MigrationPlan {
  kind: "upgrade" | "downgrade";
  /** The target as the user typed it. */
  target: string;
  steps: PlanStep[];
  /** Version rows before and after, sorted. */
  before: string[];
  after: string[];
  /** Where Retort deliberately differs from Alembic (did the right thing instead of crashing). */
  notes: string[];
}

export interface StampPlan {
  kind: "stamp";
  targets: string[];
  /** `DELETE FROM <table>` with no WHERE first (alembic stamp --purge): clears unknown and duplicate rows too. */
  purge: boolean;
  /** Row changes after the purge, if any. */
  ops: VersionOp[];
  before: string[];
  after: string[];
  notes: string[];
}

export type RevisionErrorCode =
  | "multiple-heads"
  | "unknown-revision"
  | "ambiguous-revision"
  | "not-a-member"
  | "no-such-branch"
  | "overlap"
  | "invalid-downgrade-target"
  | "relative-out-of-range"
  | "ambiguous-walk"
  | "ambiguous-upgrade"
  | "walked-too-far"
  | "not-an-ancestor"
  | "invalid-target"
  | "not-a-head"
  | "duplicate-heads"
  | "related-parents"
  | "graph-problems"
  | "invalid-argument";

export interface RevisionErrorData {
  code: RevisionErrorCode;
  message: string;
  /** Revisions the error is about, so a UI can point at them. */
  revisions?: string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: RevisionErrorData };

/**
 * The built graph (Alembic's RevisionMap). Built by `buildRevisionMap` in revision-map.ts;
 * every traversal lives in lib/core, callers never walk the graph themselves.
 */
export interface RevisionMapData {
  /** Every loadable revision, in load order. Revisions in a cycle are still listed. */
  revisions: Revision[];
  /** Lookup by full id. */
  byId: ReadonlyMap<string, Revision>;
  /** Branch label → the revision that declares it. */
  labels: ReadonlyMap<string, string>;
  /** Versioned heads in load order: what `alembic heads` lists. */
  heads: string[];
  /** Real heads in load order: what the symbol `heads` resolves to. */
  realHeads: string[];
  /** Revisions whose down_revision is empty, in load order. */
  bases: string[];
  /** Graph problems found while building (duplicates, missing parents, cycles, labels…). */
  problems: Problem[];
}
