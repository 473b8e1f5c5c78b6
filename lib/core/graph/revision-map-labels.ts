// Branch label propagation (§2.4, RevisionMap._add_branches), by slot. Label sets are bitsets over
// the project's labels (numbered in sorted order, so a set's list comes out sorted): a union is a
// few word ORs, and a set is shared, not copied, when one side already holds the other (the common
// case in a chain or a merge of a side branch).
import { NONE, type Links } from "./revision-map-build";
import type { Revision } from "../types";

type LabelSet = Uint32Array;

/** Every bit of `b` is set in `a`. */
function holds(a: LabelSet, b: LabelSet): boolean {
  for (let w = 0; w < a.length; w++) if ((b[w] & ~a[w]) !== 0) return false;
  return true;
}

/** `a` ∪ `b`: one of them when it holds the other, else a new set. */
function union(a: LabelSet, b: LabelSet): LabelSet {
  if (a === b) return a;
  if (holds(a, b)) return a;
  if (holds(b, a)) return b;
  const out = a.slice();
  for (let w = 0; w < out.length; w++) out[w] |= b[w];
  return out;
}

/** union(a, b), answered without reading a word when either is the empty set `none` (what union would return then). */
function unionWith(a: LabelSet, b: LabelSet, none: LabelSet): LabelSet {
  if (b === none) return a;
  if (a === none) return b;
  return union(a, b);
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
  const declared = new Set<string>();
  for (const r of revisions) for (const label of r.branchLabels) declared.add(label);
  if (declared.size === 0) return result;
  const names = [...declared].sort();
  const bit = new Map(names.map((name, k) => [name, k]));
  const words = (names.length + 31) >>> 5;
  const none: LabelSet = new Uint32Array(words);
  const own = new Array<LabelSet>(count).fill(none);
  for (let i = 0; i < count; i++) {
    const labels = revisions[i].branchLabels;
    if (labels.length === 0) continue;
    const set = new Uint32Array(words);
    for (const label of labels) {
      const k = bit.get(label)!;
      set[k >>> 5] |= 1 << (k & 31);
    }
    own[i] = set;
  }
  const { down, firstChild } = links;
  const inherited = new Array<LabelSet>(count).fill(none);
  for (const i of order) {
    let set = own[i];
    // Most revisions have no labels of their own and one parent: no word of either set is read.
    for (let e = down.start[i]; e < down.start[i + 1]; e++) set = unionWith(set, inherited[down.to[e]], none);
    inherited[i] = set;
  }
  const plainAbove = new Uint8Array(count);
  const walkOut = new Array<LabelSet>(count).fill(none);
  const lists = new Map<LabelSet, string[]>();
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k];
    const revision = revisions[i];
    const next = revision.nextRevisions;
    const ok = !revision.isRealBranchPoint && !revision.isMergePoint;
    const plain = ok && (next.length === 0 || plainAbove[firstChild[i]] === 1);
    plainAbove[i] = plain ? 1 : 0;
    let incoming = ok && next.length === 1 ? walkOut[firstChild[i]] : none;
    if (plain && own[i] !== none) incoming = unionWith(incoming, own[i], none);
    walkOut[i] = ok ? incoming : none;
    const labels = unionWith(inherited[i], incoming, none);
    let list = lists.get(labels);
    if (list === undefined) {
      list = [];
      for (let b = 0; b < names.length; b++) if ((labels[b >>> 5] & (1 << (b & 31))) !== 0) list.push(names[b]);
      lists.set(labels, list);
    }
    result[i] = list;
  }
  return result;
}
