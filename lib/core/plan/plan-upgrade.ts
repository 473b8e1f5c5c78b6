// `upgrade <target>` (alembic-semantics §4.2): RevisionMap._collect_upgrade_revisions with
// implicit_base, the §2.5 order reversed, and the version-row changes of each step.
import { multipleHeadsMessage, RevisionError, rewordMultipleHeads, toResult } from "../errors";
import { resolveRows } from "./resolve";
import { resolveUpgradeTarget } from "./resolve-relative";
import type { RevisionMap } from "../graph/revision-map";
import { type PlanAncestry, sortAncestry, topoSortDescending } from "../graph/traverse";
import type { MigrationPlan, Result } from "../types";
import { planSteps } from "./version-rows";

/** Alembic crashes on every command when the directory is broken; refuse with the reasons. */
export function refuseGraphProblems(map: RevisionMap): void {
  const errors = map.problems.filter((p) => p.severity !== "warning");
  if (errors.length === 0) return;
  const revisions = [...new Set(errors.flatMap((p) => p.revisions ?? []))];
  const message = `The migration directory has problems that make Alembic fail on every command: ${errors.map((p) => p.message).join("; ")}`;
  throw new RevisionError("graph-problems", message, revisions);
}

/**
 * The first revision in `requested` (in order) that has another requested revision below it
 * (_iterate_related_revisions with check=True). Alembic can miss an overlap when three or more
 * revisions are given; Retort always reports it.
 */
export function refuseOverlap(map: RevisionMap, requested: readonly string[]): void {
  const unique = [...new Set(requested)];
  // One combined walk proves the common case (no overlap) in linear time.
  const below = map.ancestors(unique.flatMap((r) => map.parentsOf(r)));
  if (!unique.some((r) => below.has(r))) return;
  for (const revision of unique) {
    const below = map.ancestors(map.parentsOf(revision));
    const overlaps = unique.filter((other) => other !== revision && below.has(other));
    if (overlaps.length > 0) {
      throw new RevisionError(
        "overlap",
        `Requested revision ${revision} overlaps with other requested revisions ${overlaps.join(", ")} (${overlaps.join(", ")} ${overlaps.length > 1 ? "are ancestors" : "is an ancestor"} of ${revision})`,
        [revision, ...overlaps],
      );
    }
  }
}

const sorted = (rows: readonly string[]) => [...rows].sort();


/** The bitsets an upgrade shares between its sort and applyUpgradeStep, which asks about the parents of merges. */
export function upgradeAncestry(map: RevisionMap, needs: ReadonlySet<string>, targets: readonly string[]): PlanAncestry {
  const mergeParents: string[] = [];
  for (const id of needs) {
    const down = map.parentsOf(id);
    if (down.length > 1) mergeParents.push(...down);
  }
  return sortAncestry(map, needs, targets, mergeParents);
}

function plan(map: RevisionMap, target: string, rows: readonly string[]): MigrationPlan {
  refuseGraphProblems(map);
  const { targets, notes } = rewordMultipleHeads(
    () => resolveUpgradeTarget(map, target, rows),
    () => multipleHeadsMessage(target),
  );
  refuseOverlap(map, targets);
  const required = map.ancestors(targets);
  resolveRows(map, rows);
  refuseOverlap(map, rows);
  const have = map.ancestors(rows);
  // Nothing checks direction: upgrading to an ancestor of the rows needs nothing and succeeds.
  const needs = new Set([...required].filter((id) => !have.has(id)));
  const ancestry = upgradeAncestry(map, needs, targets);
  const order = topoSortDescending(map, needs, targets, ancestry).reverse();
  const result = planSteps(map, "up", order, rows, notes, ancestry);
  return { kind: "upgrade", target, steps: result.steps, before: sorted(rows), after: sorted(result.rows), notes };
}

export function planUpgrade(map: RevisionMap, request: { target: string; rows: string[] }): Result<MigrationPlan> {
  return toResult(() => plan(map, request.target, request.rows));
}
