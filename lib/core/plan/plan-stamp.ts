// `stamp <rev>...` (alembic-semantics §5): ScriptDirectory._stamp_revs replayed on the rows the
// way HeadMaintainer applies StampSteps. Where Alembic would crash half way, the plan instead
// deletes the rows being replaced and inserts the destinations.
import { rewordMultipleHeads, toResult } from "../errors";
import { filterForLineage, resolveRows, resolveTargets } from "./resolve";
import type { RevisionMap } from "../graph/revision-map";
import { refuseGraphProblems } from "./plan-upgrade";
import { findOverlaps } from "./current";
import type { Result, StampPlan, VersionOp } from "../types";

/** Thrown inside the replay where Alembic raises KeyError / AssertionError. */
class AlembicWouldCrash extends Error {}

class Rows {
  readonly ops: VersionOp[] = [];
  constructor(readonly rows: string[]) {}
  insert(revision: string) {
    if (this.rows.includes(revision)) throw new AlembicWouldCrash();
    this.rows.push(revision);
    this.ops.push({ op: "insert", revision });
  }
  delete(revision: string) {
    const at = this.rows.indexOf(revision);
    if (at < 0) throw new AlembicWouldCrash();
    this.rows.splice(at, 1);
    this.ops.push({ op: "delete", revision });
  }
  update(from: string, to: string) {
    const at = this.rows.indexOf(from);
    if (at < 0 || this.rows.includes(to)) throw new AlembicWouldCrash();
    this.rows[at] = to;
    this.ops.push({ op: "update", from, to });
  }
}

/** One StampStep from `from` (all filtered rows) to `dest`, as HeadMaintainer.update_to_step runs it. */
function stampStep(rows: Rows, from: string[], dest: string, upgrade: boolean) {
  // An upgrade step whose source rows were used up by an earlier destination becomes a new branch.
  if (upgrade && from.some((r) => !rows.rows.includes(r)) && !rows.rows.includes(dest)) return rows.insert(dest);
  if (from.length > 1) {
    for (const r of from.slice(0, -1)) rows.delete(r);
    return rows.update(from[from.length - 1], dest);
  }
  return rows.update(from[0], dest);
}

const intersects = (set: Set<string>, ids: string[]) => ids.some((id) => set.has(id));

/** _stamp_revs: every destination is planned up front from the original rows' `filtered` set. */
function replay(map: RevisionMap, rows: string[], filtered: string[], dests: Array<string | null>): Rows {
  const state = new Rows([...rows]);
  for (const dest of dests) {
    if (dest === null) {
      for (const row of filtered) state.delete(row);
    } else if (filtered.includes(dest)) {
      continue;
    } else if (intersects(map.descendants([dest]), filtered)) {
      stampStep(state, filtered, dest, false);
    } else if (intersects(map.ancestors([dest]), filtered)) {
      stampStep(state, filtered, dest, true);
    } else {
      state.insert(dest);
    }
  }
  return state;
}

function plan(map: RevisionMap, request: { targets: string[]; rows: string[]; purge: boolean }): StampPlan {
  refuseGraphProblems(map);
  const notes: string[] = [];
  const before = [...request.rows].sort();
  const rows = request.purge ? [] : resolveRows(map, request.rows);
  const targets = request.targets.length > 0 ? request.targets : ["base"];
  const { filtered, dests } = rewordMultipleHeads(
    () => ({
      filtered: [...new Set(targets.filter((t) => t !== "").flatMap((t) => filterForLineage(map, rows, t, true)))],
      dests: [...new Set(targets.flatMap((t) => resolveTargets(map, t)))],
    }),
    () => "Multiple heads are present; please specify a single target revision",
  );
  let state: Rows;
  try {
    state = replay(map, rows, filtered, dests.length > 0 ? dests : [null]);
  } catch (error) {
    if (!(error instanceof AlembicWouldCrash)) throw error;
    state = replaceRows(rows, filtered, dests);
    notes.push(
      `Alembic fails with KeyError part way through this stamp (after writing some rows); Retort deletes ${filtered.join(", ")} ` +
        `and inserts ${dests.join(", ")} instead, as \`alembic stamp --purge\` would for these rows`,
    );
  }
  const after = [...state.rows].sort();
  const overlaps = findOverlaps(map, state.rows);
  if (overlaps.length > 0) {
    const pairs = overlaps.map((o) => `${o.ancestor} is an ancestor of ${o.descendant}`).join("; ");
    notes.push(`Alembic allows this stamp, but the rows will overlap (${pairs}); upgrade and downgrade refuse overlapping rows until they are stamped again`);
  }
  return { kind: "stamp", targets: request.targets, purge: request.purge, ops: state.ops, before, after, notes };
}

/** Purge-then-insert for the rows the stamp is about; other branches' rows stay. */
function replaceRows(rows: string[], filtered: string[], dests: string[]): Rows {
  const state = new Rows([...rows]);
  for (const row of filtered) state.delete(row);
  for (const dest of dests) if (!state.rows.includes(dest)) state.insert(dest);
  return state;
}

export function planStamp(map: RevisionMap, request: { targets: string[]; rows: string[]; purge: boolean }): Result<StampPlan> {
  return toResult(() => plan(map, request));
}
