// The pieces of RevisionMap that `history -r` walks through with Alembic's own quirks kept:
// _walk with no_overwalk (history passes assert_relative_length=False, so a walk past an end
// stops there), get_revisions("-N") keeping the walks that fall off, and
// _iterate_related_revisions(check=True) with its shared `seen` set.
import { RevisionError } from "../errors";
import type { RevisionMap } from "../graph/revision-map";
import { filterForLineage, resolveRevisionNumber, resolveSingle, resolveTargets } from "../plan/resolve";

/** Alembic's "base" string: one step below a revision without parents. */
export const BASE = Symbol("base");
/** Where a walk or a lookup lands: a revision id, below the bottom, or nowhere (Python's None). */
export type Slot = string | typeof BASE | null;

/** A range end: the text typed, or the version table's rows (Alembic's heads tuple for `current`). */
export type RangeEnd = string | readonly string[];

/** How Alembic prints an end in its messages: the text, or the tuple's repr `('c3',)`. */
export function showEnd(end: RangeEnd): string {
  if (typeof end === "string") return end;
  const items = end.map((id) => `'${id}'`);
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
}

/** util.to_tuple for an end. */
export function endTuple(end: RangeEnd): string[] {
  return typeof end === "string" ? [end] : [...end];
}

/** _walk(start, steps, branch_label, no_overwalk); `start` null is "below everything" up, "the heads" down. */
export function walkSlot(map: RevisionMap, start: Slot, steps: number, label: string | null, noOverwalk: boolean): Slot {
  let at: Slot = start;
  for (let n = 0; n < Math.abs(steps); n++) {
    let options: readonly (string | typeof BASE)[];
    if (steps > 0) {
      if (at === BASE) throw new RevisionError("walked-too-far", "Walked too far");
      const up = at === null ? map.bases : map.childrenOf(at, false);
      options = label ? filterForLineage(map, up, label) : up;
    } else if (at === BASE) {
      options = [];
    } else {
      const down = at === null ? map.heads : map.parentsOf(at, false);
      options = down.length > 0 ? down : [BASE];
    }
    if (options.length === 0) return noOverwalk ? null : at;
    if (options.length > 1) throw new RevisionError("ambiguous-walk", "Ambiguous walk", options.filter((o): o is string => o !== BASE));
    at = options[0]!;
  }
  return at;
}

/** get_revision(text) as _walk calls it: null for base. */
export function revisionSlot(map: RevisionMap, text: string): Slot {
  return resolveSingle(map, text);
}

/** get_revisions(end), keeping what `-N` walks from the heads give back (a revision, "base" or None). */
export function revisionSlots(map: RevisionMap, end: RangeEnd | null): Slot[] {
  if (end === null) return [];
  if (typeof end !== "string") return end.flatMap((id) => revisionSlots(map, id));
  const { ids, label } = resolveRevisionNumber(map, end);
  if (ids.length === 1 && /^\s*[+-]?\d+\s*$/.test(ids[0]!) && Number.parseInt(ids[0]!, 10) < 0) {
    const steps = Number.parseInt(ids[0]!, 10);
    const heads = map.realHeads.filter((h) => label === null || map.get(h)!.propagatedLabels.includes(label));
    return heads.map((h) => walkSlot(map, h, steps, null, true));
  }
  return resolveTargets(map, end);
}

/** is_revision: Alembic asserts here; Retort names the end instead of crashing. */
export function revisionsOnly(slots: readonly Slot[], end: string): string[] {
  return slots.map((slot) => {
    if (typeof slot !== "string") {
      throw new RevisionError("relative-out-of-range", `Relative range end ${end} walks below base (Alembic 1.8.1 fails an assertion here)`);
    }
    return slot;
  });
}

/**
 * _get_ancestor_nodes / _get_descendant_nodes with check=True: every target's walk shares one
 * `seen` set, and a target whose walk reaches another target (even through a seen node) overlaps.
 */
export function relatedChecked(map: RevisionMap, targets: readonly string[], direction: "down" | "up"): Set<string> {
  const wanted = new Set(targets);
  const seen = new Set<string>();
  for (const target of targets) {
    const todo = [target];
    const perTarget = new Set<string>();
    while (todo.length > 0) {
      const rev = todo.pop()!;
      perTarget.add(rev);
      if (seen.has(rev)) continue;
      seen.add(rev);
      todo.push(...(direction === "down" ? map.parentsOf(rev, true) : map.childrenOf(rev, false)));
    }
    const overlaps = [...perTarget].filter((rev) => rev !== target && wanted.has(rev));
    if (overlaps.length > 0) {
      throw new RevisionError("overlap", `Requested revision ${target} overlaps with other requested revisions ${overlaps.join(", ")}`, [target, ...overlaps]);
    }
  }
  return seen;
}
