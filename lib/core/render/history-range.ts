// `alembic history -r A:B` (command.history → ScriptDirectory.walk_revisions →
// RevisionMap.iterate_revisions(B, A, inclusive=True, assert_relative_length=False)), ported
// step by step from _collect_upgrade_revisions so relative ends (`-3:current`, `base:+2`,
// `-1:heads`, `a1:+2`, `-2:`) give the same revisions, order and errors as Alembic 1.8.1.
import { multipleHeadsMessage, RevisionError, toResult } from "../errors";
import type { RevisionMap } from "../graph/revision-map";
import { topoSortDescending } from "../graph/traverse";
import { didNotProduce, parseRelative } from "../plan/resolve-relative";
import { filterForLineage, resolveSingle } from "../plan/resolve";
import type { Result } from "../types";
import { endTuple, type RangeEnd, relatedChecked, revisionSlot, revisionSlots, revisionsOnly, showEnd, type Slot, walkSlot, BASE } from "./history-range-walk";

export interface HistoryRange {
  lower: string | null;
  upper: string | null;
}

/** `-r A:B`: both ends optional, exactly one colon (`History range requires …` otherwise). */
export function parseHistoryRange(text: string): Result<HistoryRange> {
  return toResult(() => {
    const parts = text.trim().split(":");
    if (parts.length !== 2) throw new RevisionError("invalid-argument", "History range requires [start]:[end], [start]:, or :[end]");
    const [lower, upper] = parts.map((part) => part || null);
    return { lower, upper };
  });
}

/** Whether an end is `current` the way command.history checks it (the upper end wins). */
export function usesCurrent(range: HistoryRange): boolean {
  return range.upper === "current" || range.lower === "current";
}

/**
 * The revisions `alembic history -r` lists, newest first. `current` holds the version table's
 * rows when an end is `current` (an empty table leaves that end open, as Alembic's `()` does).
 */
export function historyRange(map: RevisionMap, range: HistoryRange, current: readonly string[] = []): Result<string[]> {
  let lower: RangeEnd | null = range.lower;
  let upper: RangeEnd | null = range.upper;
  if (upper === "current") upper = [...current];
  else if (lower === "current") lower = [...current];
  const base: RangeEnd = lower === null || lower.length === 0 ? "base" : lower;
  const head: RangeEnd = upper === null || upper.length === 0 ? "heads" : upper;
  return toResult(() => {
    try {
      return collect(map, head, base);
    } catch (error) {
      if (error instanceof RevisionError && error.code === "multiple-heads") throw new RevisionError("multiple-heads", multipleHeadsMessage(showEnd(head)), error.revisions);
      if (error instanceof RevisionError && error.code === "not-an-ancestor") throw new RevisionError("not-an-ancestor", rangeNotAncestor(base, head), error.revisions);
      throw error;
    }
  });
}

function rangeNotAncestor(base: RangeEnd, head: RangeEnd): string {
  return `Requested range ${showEnd(base)}:${showEnd(head)} does not refer to ancestor/descendant revisions along the same branch`;
}

/** _collect_upgrade_revisions(upper, lower, inclusive=True, implicit_base=False), then the topological sort. */
function collect(map: RevisionMap, upper: RangeEnd, lowerEnd: RangeEnd): string[] {
  let lower: RangeEnd | null = lowerEnd;
  let targets = revisionsOnly(upperTargets(map, lower, upper), showEnd(upper));
  if (typeof lower === "string" && lower.includes("@")) targets = onBranch(map, targets, lower.slice(0, lower.indexOf("@")));
  const required = relatedChecked(map, targets, "down");
  let currents: Slot[] = revisionSlots(map, lower);
  if (currents.some((rev) => rev !== null && (rev === BASE || !required.has(rev)))) {
    throw new RevisionError("not-an-ancestor", "not an ancestor", currents.filter((rev): rev is string => typeof rev === "string"));
  }
  if (currents.length > 0 && currents[0] === null) {
    const rev = relativeLower(map, upper, lower as string);
    currents = rev === BASE ? [] : [rev];
    lower = rev === BASE ? null : rev;
  }
  const currentIds = revisionsOnly(currents, showEnd(lowerEnd));
  const below = relatedChecked(map, currentIds, "down");
  const needs = new Set([...required].filter((id) => !below.has(id)));
  for (const id of revisionsOnly(revisionSlots(map, lower), showEnd(lowerEnd))) needs.add(id);
  if (currentIds.length > 0) {
    const above = relatedChecked(map, currentIds, "up");
    for (const id of needs) if (!above.has(id)) needs.delete(id);
  }
  return topoSortDescending(map, needs, targets);
}

/** _parse_upgrade_target(current_revisions=lower, target=upper, assert_relative_length=False). */
function upperTargets(map: RevisionMap, lower: RangeEnd, upper: RangeEnd): Slot[] {
  const relative = typeof upper === "string" ? parseRelative(upper) : null;
  if (!relative) return revisionSlots(map, upper);
  const { label, symbol, written, steps } = relative;
  if (steps <= 0) {
    if (symbol === null) throw didNotProduce(steps, steps);
    return [walkSlot(map, revisionSlot(map, label ? `${label}@${symbol}` : symbol), steps, null, false)];
  }
  if (symbol !== null) return [walkSlot(map, revisionSlot(map, symbol), steps, label, false)];
  const start = label === null ? plainStart(map, lower) : labelStart(map, lower, label);
  const rev = walkSlot(map, start, steps, label, false);
  if (rev === null) throw didNotProduce(written, steps);
  return [rev];
}

function plainStart(map: RevisionMap, lower: RangeEnd): Slot {
  const starts = endTuple(lower);
  if (starts.length > 1) throw new RevisionError("ambiguous-upgrade", "Ambiguous upgrade from multiple current revisions", starts);
  return starts.length === 0 ? null : revisionSlot(map, starts[0]!);
}

/** `label@+N` from the lower end: its revisions on the branch, else the branch's tips below them. */
function labelStart(map: RevisionMap, lower: RangeEnd, label: string): Slot {
  const ids = revisionsOnly(revisionSlots(map, endTuple(lower)), showEnd(lower));
  let starts = filterForLineage(map, ids, label);
  if (starts.length === 0) {
    const active = filterForLineage(map, [...map.ancestors(ids)], label);
    const downs = new Set(active.flatMap((id) => map.parentsOf(id, true)));
    starts = active.filter((id) => !downs.has(id));
  }
  if (starts.length > 1) throw new RevisionError("ambiguous-upgrade", "Ambiguous upgrade from multiple current revisions", starts);
  return starts[0] ?? null;
}

/** `branch@…` as the lower end keeps only the targets on that branch. */
function onBranch(map: RevisionMap, targets: string[], branch: string): string[] {
  let name = branch;
  const rev = resolveSingle(map, branch);
  if (rev !== null && rev === branch) name = map.get(rev)!.branchLabels[0] ?? branch;
  return targets.filter((id) => map.get(id)!.propagatedLabels.includes(name));
}

/** A lower end `[label@]-N` that fell off from the heads: _parse_downgrade_target(current_revisions=upper, target=lower). */
function relativeLower(map: RevisionMap, upper: RangeEnd, lower: string): Slot {
  const relative = parseRelative(lower);
  if (!relative || relative.steps >= 0 || relative.symbol !== null) {
    throw new RevisionError("relative-out-of-range", `Relative range start ${lower} is not supported by retort history here; name a revision instead`);
  }
  const currents = endTuple(upper);
  let label = relative.label;
  let symbol: string;
  if (label !== null) {
    symbol = onlyOne(labelledCurrent(map, currents, label), lower);
  } else {
    if (currents.length === 0) throw didNotProduce(relative.written, relative.steps);
    symbol = currents[0]!;
    label = symbol;
  }
  const rev = walkSlot(map, revisionSlot(map, `${label}@${symbol}`), relative.steps, null, false);
  if (rev === null) throw relative.label === null ? didNotProduce(relative.written, relative.steps) : new RevisionError("walked-too-far", "Walked too far");
  return rev;
}

/** The upper end's revisions on `label`, else the branch heads of everything they stand on (_get_all_current). */
function labelledCurrent(map: RevisionMap, currents: string[], label: string): string[] {
  const direct = filterForLineage(map, currents, label);
  if (direct.length > 0) return direct;
  const ids = revisionsOnly(revisionSlots(map, currents), showEnd(currents));
  const all = new Set([...ids, ...map.ancestors(ids)]);
  const branchHeads = [...all].filter((id) => !map.childrenOf(id, false).some((child) => all.has(child)));
  return filterForLineage(map, branchHeads, label);
}

function onlyOne(ids: string[], lower: string): string {
  if (ids.length !== 1) {
    throw new RevisionError("relative-out-of-range", `Relative range start ${lower} needs exactly one revision of its branch in the upper end, found ${ids.length} (Alembic 1.8.1 fails an assertion here)`);
  }
  return ids[0]!;
}
