// Revision sets as a replay sees them: an ancestor-closed set of applied revisions, and the
// version rows that stand for it. Graph walks stay in lib/core (style: callers never walk it).
import type { RevisionMap } from "../graph/revision-map";
import { parentsFirstOrder } from "../graph/traverse";

/** Every revision, each after its parents and dependencies, ties in load order: one replay from base to all heads. */
export function replayOrder(map: RevisionMap): string[] {
  return parentsFirstOrder(map.revisions.map((r) => r.revision), (id) => map.parentsOf(id));
}

/**
 * The version rows of an applied set: its members that no other member names as down_revision
 * (a revision another depends_on stays a row, as Alembic leaves it), sorted.
 */
export function rowsOfApplied(map: RevisionMap, applied: ReadonlySet<string>): string[] {
  return [...applied].filter((id) => !map.childrenOf(id, false).some((child) => applied.has(child))).sort();
}

/** The applied set the rows stand for: the rows and all their ancestors (dependencies included). */
export function appliedOfRows(map: RevisionMap, rows: Iterable<string>): Set<string> {
  return map.ancestors(rows);
}

/** Members of `revisions` that are not an ancestor of another member: what `alembic upgrade` needs to be told. */
export function maximalRevisions(map: RevisionMap, revisions: readonly string[]): string[] {
  const members = new Set(revisions);
  const below = map.ancestors(revisions.flatMap((id) => map.parentsOf(id)));
  return revisions.filter((id) => members.has(id) && !below.has(id));
}
