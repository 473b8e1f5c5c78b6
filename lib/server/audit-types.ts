import "server-only";
import type pg from "pg";
import type { Direction, VersionOp } from "../core/types";

/** One recorded change to an environment's version table, or one failed attempt at it. */
export interface AuditEntry {
  action: "upgrade" | "downgrade" | "stamp";
  /** Who asked, as the caller named them (user name, "ci", …). */
  actor: string;
  /** The target as the user typed it (e.g. "heads", "ae10+2"); stamp: the targets joined by spaces. */
  target: string;
  versionTable: { table: string; schema: string | null };
  /** Migration steps: the revision run; stamp: null. */
  revision: string | null;
  direction: Direction | null;
  versionOps: VersionOp[];
  /** Rows before and after this entry's change, sorted. */
  rowsBefore: string[];
  rowsAfter: string[];
  status: "applied" | "failed";
  /** Sanitized database error for a failed entry. */
  error?: { code: string; message: string };
  startedAt: string;
  durationMs: number;
}

/**
 * Where executors record what they did. `record` is called on the executor's own connection:
 * for an applied step, inside the transaction that writes that step's version rows (so the
 * record and the change commit or roll back together); for a failed step, after its rollback,
 * in a transaction of its own (best effort: a dead connection records nothing).
 * A throwing `record` fails the applied step it belongs to.
 */
export interface AuditSink {
  record(client: pg.ClientBase, entry: AuditEntry): Promise<void>;
}
