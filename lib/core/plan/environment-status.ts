// Classifies one database against a project's revision graph: the state the dashboard shows.
import { currentRevisions, findOverlaps, isUpToDate, pendingForHeads, unknownRows } from "./current";
import type { RevisionMap } from "../graph/revision-map";
import type { EnvironmentStatusKind } from "../view/view-types";

export interface EnvironmentStatusInput {
  map: RevisionMap;
  /** Whether the version table exists. A missing table and an empty one classify alike (Alembic
   * reads both as "no rows"); the flag is kept so callers pass the whole reading. */
  tableExists: boolean;
  /** The version rows as read. */
  rows: readonly string[];
  /** Whether the database holds tables other than the version table. */
  hasUserTables: boolean;
}

export interface EnvironmentStatus {
  status: Exclude<EnvironmentStatusKind, "unreachable">;
  /** What `alembic current` would show (§7.4); only rows the directory knows. */
  current: string[];
  /** Revisions `upgrade heads` would apply, in execution order. */
  pending: string[];
  /** Rows that name no revision in the directory. */
  unknownRows: string[];
}

/**
 * The checks run in the order a person must act on them: a missing version table first (stamp),
 * then rows the code no longer knows (Alembic: "Can't locate revision"), then overlapping rows
 * (Alembic does not check these), and only then up to date versus behind.
 */
export function classifyEnvironment({ map, rows, hasUserTables }: EnvironmentStatusInput): EnvironmentStatus {
  const distinct = [...new Set(rows)].sort();
  if (distinct.length === 0) {
    // Tables but no recorded version: an app that called create_all. Upgrading would try to
    // create them again, so nothing is "pending" until the database is stamped.
    if (hasUserTables) return { status: "unversioned", current: [], pending: [], unknownRows: [] };
    return { status: "empty", current: [], pending: pendingForHeads(map, []), unknownRows: [] };
  }
  const unknown = unknownRows(map, distinct);
  const known = distinct.filter((row) => !unknown.includes(row));
  const current = [...currentRevisions(map, known)].sort();
  if (unknown.length > 0) return { status: "unknown-revision", current, pending: [], unknownRows: unknown };
  if (findOverlaps(map, distinct).length > 0) return { status: "overlapping", current, pending: [], unknownRows: [] };
  // Appendix A: up to date means set(rows) == set(real heads).
  if (isUpToDate(map, distinct)) return { status: "current", current, pending: [], unknownRows: [] };
  const pending = pendingForHeads(map, distinct);
  return { status: pending.length > 0 ? "behind" : "current", current, pending, unknownRows: [] };
}
