// Branch label propagation (§2.4, RevisionMap._add_branches), by slot.
import { NONE, type Links } from "./revision-map-build";
import type { Revision } from "../types";

function containsAll(set: ReadonlySet<string>, items: Iterable<string>): boolean {
  for (const item of items) if (!set.has(item)) return false;
  return true;
}

/**
 * A revision's inherited labels: its own plus every parent's. Sets are shared, not copied, when
 * one parent already holds them all (the common case in a chain or a merge of a side branch), so
 * long histories with many labels don't allocate a set per revision.
 */
function unionOfLabels(declared: readonly string[], parents: Set<string>[], none: Set<string>): Set<string> {
  let largest = none;
  for (const set of parents) if (set.size > largest.size) largest = set;
  if (containsAll(largest, declared) && parents.every((set) => set === largest || containsAll(largest, set))) return largest;
  const union = new Set(largest);
  for (const l of declared) union.add(l);
  for (const set of parents) if (set !== largest) for (const l of set) union.add(l);
  return union;
}

/**
 * A label spreads to every down-edge descendant of its revision; and when those descendants form a
 * plain line, Alembic also walks down from the line's top through revisions that are neither real
 * branch points nor merge points, labelling them too. `order` is parents first (stuck last).
 * Returns each slot's sorted labels.
 */
export function propagateBranchLabels(order: number[], revisions: Revision[], links: Links): string[][] {
  const count = revisions.length;
  const result = new Array<string[]>(count).fill(NONE);
  if (!revisions.some((r) => r.branchLabels.length > 0)) return result;
  const none = new Set<string>();
  const { down, firstChild } = links;
  const inherited = new Array<Set<string>>(count).fill(none);
  const parents: Set<string>[] = [];
  for (const i of order) {
    parents.length = 0;
    for (let e = down.start[i]; e < down.start[i + 1]; e++) parents.push(inherited[down.to[e]]);
    inherited[i] = unionOfLabels(revisions[i].branchLabels, parents, none);
  }
  const plainAbove = new Uint8Array(count);
  const walkOut = new Array<Set<string>>(count).fill(none);
  const sorted = new Map<Set<string>, string[]>();
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k];
    const revision = revisions[i];
    const next = revision.nextRevisions;
    const ok = !revision.isRealBranchPoint && !revision.isMergePoint;
    const plain = ok && (next.length === 0 || plainAbove[firstChild[i]] === 1);
    plainAbove[i] = plain ? 1 : 0;
    let incoming = ok && next.length === 1 ? walkOut[firstChild[i]] : none;
    if (plain && revision.branchLabels.length > 0) incoming = new Set([...incoming, ...revision.branchLabels]);
    walkOut[i] = ok ? incoming : none;
    let labels = inherited[i];
    if (incoming.size > 0 && !containsAll(labels, incoming)) labels = new Set([...labels, ...incoming]);
    let list = sorted.get(labels);
    if (list === undefined) {
      list = [...labels].sort();
      sorted.set(labels, list);
    }
    result[i] = list;
  }
  return result;
}
