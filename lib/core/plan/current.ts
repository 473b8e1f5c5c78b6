// Where a database stands relative to the directory (alembic-semantics §7.4, Appendix A).
import { planUpgrade } from "./plan-upgrade";
import type { RevisionMap } from "../graph/revision-map";
import { branchTips } from "../graph/traverse";

/** Rows that name no revision in the directory, in row order, each once. */
export function unknownRows(map: RevisionMap, rows: readonly string[]): string[] {
  return [...new Set(rows.filter((row) => !map.byId.has(row)))];
}

/**
 * What `alembic current` lists: the rows plus the dependencies they imply, without plain
 * ancestors (so overlapping rows show once). Unknown rows are left out; load order.
 */
export function currentRevisions(map: RevisionMap, rows: readonly string[]): string[] {
  return branchTips(map, rows.filter((row) => map.byId.has(row)));
}

/** "Up to date" as autogenerate and `check` mean it: set(rows) == set(real heads). */
export function isUpToDate(map: RevisionMap, rows: readonly string[]): boolean {
  const have = new Set(rows);
  const heads = new Set(map.realHeads);
  return have.size === heads.size && [...have].every((row) => heads.has(row));
}

/** Pairs of rows where one implies the other (normdown): the state `upgrade` refuses (§4.2). */
export function findOverlaps(map: RevisionMap, rows: readonly string[]): Array<{ descendant: string; ancestor: string }> {
  const known = [...new Set(rows.filter((row) => map.byId.has(row)))];
  const overlaps: Array<{ descendant: string; ancestor: string }> = [];
  const belowAny = map.ancestors(known.flatMap((r) => map.parentsOf(r)));
  if (!known.some((r) => belowAny.has(r))) return overlaps;
  for (const descendant of known) {
    const below = map.ancestors(map.parentsOf(descendant));
    for (const ancestor of known) if (ancestor !== descendant && below.has(ancestor)) overlaps.push({ descendant, ancestor });
  }
  return overlaps;
}

/**
 * The revisions `upgrade heads` would apply, in execution order. Empty when the upgrade would be
 * refused (unknown or overlapping rows, a broken directory): the status says why.
 */
export function pendingForHeads(map: RevisionMap, rows: readonly string[]): string[] {
  const plan = planUpgrade(map, { target: "heads", rows: [...rows] });
  return plan.ok ? plan.value.steps.map((step) => step.revision) : [];
}
