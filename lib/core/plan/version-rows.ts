// The version-table changes made after each migration (Alembic's HeadMaintainer, §4.3).
// Alembic picks the merge/unmerge pairing by Python set order; here it follows normdown order
// (merge: delete all but the last, update the last; unmerge: update to the first, insert the
// rest), which gives the same final rows and reproduces the verified SQL of §4.3.
import type { RevisionMap } from "../graph/revision-map";
import { isAncestorOfAny, type PlanAncestry } from "../graph/traverse";
import type { Direction, PlanStep, VersionOp } from "../types";

export interface RowChange {
  ops: VersionOp[];
  /** Rows after the step, in table order (updates keep their position, inserts go last). */
  rows: string[];
  /** Set when Alembic would crash here and Retort did the consistent thing instead. */
  note?: string;
}

function apply(rows: string[], ops: VersionOp[]): string[] {
  let next = [...rows];
  for (const op of ops) {
    if (op.op === "insert") next.push(op.revision);
    else if (op.op === "delete") next = next.filter((r) => r !== op.revision);
    else next = next.map((r) => (r === op.from ? op.to : r));
  }
  return next;
}

function change(rows: string[], ops: VersionOp[], note?: string): RowChange {
  return note ? { ops, rows: apply(rows, ops), note } : { ops, rows: apply(rows, ops) };
}

/** Version rows after upgrading `revision` (RevisionStep.should_create_branch / merge / update). */
export function applyUpgradeStep(map: RevisionMap, rows: string[], revision: string, ancestry?: PlanAncestry): RowChange {
  const down = map.parentsOf(revision);
  const present = down.filter((d) => rows.includes(d));
  if (present.length === 0) return change(rows, [{ op: "insert", revision }]);
  if (down.length > 1 && present.length > 1) return mergeRows(map, rows, revision, down, present, ancestry);
  const from = down.length === 1 ? down[0] : present[0];
  return change(rows, [{ op: "update", from, to: revision }]);
}

/** Merge: parents still implied by other rows keep their rows; the rest collapse into `revision`. */
function mergeRows(map: RevisionMap, rows: string[], revision: string, down: readonly string[], present: string[], ancestry?: PlanAncestry): RowChange {
  const others = rows.filter((r) => !down.includes(r));
  const collapsing = others.length > 0 ? down.filter((d) => !isAncestorOfAny(map, d, others, ancestry)) : [...down];
  let merged = collapsing.filter((d) => rows.includes(d));
  let note: string | undefined;
  if (merged.length !== collapsing.length) {
    // e.g. a hand-written merge naming an ancestor of another parent (§6): Alembic touches a missing row.
    note = `Alembic fails with KeyError when merging ${revision} from rows (${rows.join(", ")}); Retort merges the rows ${(merged.length ? merged : present).join(", ")} instead`;
  }
  if (merged.length === 0) merged = present;
  const ops: VersionOp[] = merged.slice(0, -1).map((r) => ({ op: "delete", revision: r }) as VersionOp);
  ops.push({ op: "update", from: merged[merged.length - 1], to: revision });
  return change(rows, ops, note);
}

/**
 * Unmerge targets (RevisionStep._unmerge_to_revisions, 1.19): parents not implied by another row;
 * with no other row, the parents that are not ancestors of another parent.
 */
function unmergeTargets(map: RevisionMap, rows: string[], revision: string, down: readonly string[], ancestry?: PlanAncestry): string[] {
  const others = rows.filter((r) => r !== revision);
  if (others.length > 0) return down.filter((d) => !isAncestorOfAny(map, d, others, ancestry));
  return down.filter((d) => !isAncestorOfAny(map, d, down.filter((e) => e !== d)));
}

/** Version rows after downgrading `revision` (delete branch / unmerge / update). */
export function applyDowngradeStep(map: RevisionMap, rows: string[], revision: string, ancestry?: PlanAncestry): RowChange {
  const down = map.parentsOf(revision);
  if (!rows.includes(revision)) {
    // Only reachable from overlapping or hand-edited rows: Alembic fails with KeyError updating a missing row.
    const note = `${revision} is not a row (rows: ${rows.join(", ")}); Alembic fails with KeyError here, Retort leaves the rows as they are`;
    return { ops: [], rows: [...rows], note };
  }
  const targets = unmergeTargets(map, rows, revision, down, ancestry);
  if (down.length === 0 || targets.length === 0) return change(rows, [{ op: "delete", revision }]);
  if (down.length > 1) {
    // Unmerge: the row follows the first parent (its own branch), the other parents get new rows.
    const ops: VersionOp[] = targets.slice(1).map((t) => ({ op: "insert", revision: t }) as VersionOp);
    ops.push({ op: "update", from: revision, to: targets[0] });
    return change(rows, ops);
  }
  return change(rows, [{ op: "update", from: revision, to: down[0] }]);
}

/** Steps in execution order, each with the version-table changes made right after it. */
export function planSteps(
  map: RevisionMap,
  direction: Direction,
  order: readonly string[],
  rows: readonly string[],
  notes: string[],
  ancestry?: PlanAncestry,
): { steps: PlanStep[]; rows: string[] } {
  const applyStep = direction === "up" ? applyUpgradeStep : applyDowngradeStep;
  let current = [...rows];
  const steps: PlanStep[] = [];
  for (const revision of order) {
    const change = applyStep(map, current, revision, ancestry);
    if (change.note) notes.push(change.note);
    current = change.rows;
    steps.push({ revision, direction, versionOps: change.ops, rowsAfter: [...current].sort() });
  }
  return { steps, rows: current };
}
