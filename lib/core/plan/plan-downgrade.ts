// `downgrade <target>` (alembic-semantics §4.4): RevisionMap._collect_downgrade_revisions, the
// §2.5 order as is, and the version-row changes of each step.
import { multipleHeadsMessage, RevisionError, rewordMultipleHeads, toResult } from "../errors";
import { resolveBranch, resolveRows } from "./resolve";
import { resolveDowngradeTarget } from "./resolve-relative";
import type { RevisionMap } from "../graph/revision-map";
import { refuseGraphProblems } from "./plan-upgrade";
import { PlanAncestry, topoSortDescending } from "../graph/traverse";
import type { MigrationPlan, Result } from "../types";
import { planSteps } from "./version-rows";

/**
 * The revisions whose removal the downgrade starts from: every root for base, else the target's
 * children. A label narrows them only when there are several (so `label@base` in a single-root
 * tree still takes everything down, §4.4).
 */
function dropRoots(map: RevisionMap, label: string | null, target: string | null): string[] {
  let roots = target === null ? [...map.bases] : [...map.childrenOf(target, false)];
  if (label && roots.length > 1) {
    const onBranch = map.ancestors([resolveBranch(map, label)], { includeDependencies: false });
    roots = roots.filter((r) => onBranch.has(r));
    if (roots.length === 0) throw new RevisionError("invalid-downgrade-target", "Not a valid downgrade target from current heads");
  }
  return roots;
}


function plan(map: RevisionMap, target: string, rows: readonly string[]): MigrationPlan {
  refuseGraphProblems(map);
  const { label, revision, notes } = rewordMultipleHeads(
    () => resolveDowngradeTarget(map, target, rows),
    () => multipleHeadsMessage(target),
  );
  const roots = dropRoots(map, label, revision);
  resolveRows(map, rows);
  // Drop the roots and everything that descends from or depends on them, as far as it is applied.
  const applied = map.ancestors(rows);
  const drop = new Set([...map.descendants(roots)].filter((id) => applied.has(id)));
  if (revision !== null && drop.size === 0 && !rows.includes(revision)) {
    throw new RevisionError(
      "invalid-downgrade-target",
      `Destination ${target} is not a valid downgrade target from current head(s) (${revision} is not below the rows ${rows.join(", ") || "(none)"})`,
      [revision],
    );
  }
  const ancestry = new PlanAncestry(map, drop);
  const order = topoSortDescending(map, drop, [...rows], ancestry);
  const result = planSteps(map, "down", order, rows, notes, ancestry);
  return { kind: "downgrade", target, steps: result.steps, before: [...rows].sort(), after: [...result.rows].sort(), notes };
}

export function planDowngrade(map: RevisionMap, request: { target: string; rows: string[] }): Result<MigrationPlan> {
  return toResult(() => plan(map, request.target, request.rows));
}
