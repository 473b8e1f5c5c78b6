// Graph walks shared by the engine. Everything is iterative: histories reach thousands of
// revisions and recursion would overflow.
import { RowsBuilder, kahnSlots } from "./slot-graph";

export interface AncestryOptions {
  /** Default true: follow normdown (ancestors) / all_nextrev (descendants); false: down_revision only. */
  includeDependencies?: boolean;
}

/**
 * What the walks below need of a revision graph: the graph owns traversal, and the revision map
 * (revision-map.ts) is the graph they walk, built on top of them.
 */
export interface TraversableGraph {
  /** Load order of a revision (Alembic's map order); unknown ids sort last. */
  indexOf(id: string): number;
  levelOf(id: string): number;
  parentsOf(id: string, includeDependencies?: boolean): readonly string[];
  childrenOf(id: string, includeDependencies?: boolean): readonly string[];
  ancestors(ids: Iterable<string>, opts?: AncestryOptions): Set<string>;
}

export type Neighbours = (id: string) => readonly string[];

/** `starts` plus everything reachable from them through `next` (Alembic's _iterate_related_revisions). */
export function closure(starts: Iterable<string>, next: Neighbours): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const n of next(id)) if (!seen.has(n)) stack.push(n);
  }
  return seen;
}

/**
 * Kahn's order over `ids`, every revision after its `parents` (parents outside `ids` are ignored).
 * Revisions caught in a cycle never become ready; they are appended in their given order so that
 * a broken map still yields every revision once.
 */
export function parentsFirstOrder(ids: readonly string[], parents: Neighbours): string[] {
  const { order, stuck } = kahn(ids, parents);
  return [...order, ...stuck];
}

/**
 * Revisions on a cycle (or between two cycles): those Kahn's algorithm cannot place going either
 * way. Alembic's own cycle rule (§1.6) misses a loop that a merge parent closes.
 */
export function cyclicMembers(ids: readonly string[], parents: Neighbours, children: Neighbours): string[] {
  const below = kahn(ids, parents).stuck;
  if (below.length === 0) return [];
  const above = new Set(kahn(ids, children).stuck);
  return below.filter((id) => above.has(id));
}

export function kahn(ids: readonly string[], parents: Neighbours): { order: string[]; stuck: string[] } {
  const slot = new Map<string, number>();
  ids.forEach((id, i) => slot.set(id, i));
  const rows = new RowsBuilder(ids.length);
  for (const id of ids) {
    for (const p of parents(id)) {
      const j = slot.get(p);
      if (j !== undefined) rows.push(j);
    }
    rows.endRow();
  }
  const { order, stuck } = kahnSlots(ids.length, rows);
  return { order: order.map((i) => ids[i]), stuck: stuck.map((i) => ids[i]) };
}

/**
 * Whether `candidate` is one of `of` or one of their ancestors (normdown). Ancestors sit on strictly
 * lower levels, so the search never descends below the candidate's level. Inside a plan, pass its
 * PlanAncestry to answer from bitsets.
 */
export function isAncestorOfAny(map: TraversableGraph, candidate: string, of: Iterable<string>, ancestry?: PlanAncestry): boolean {
  if (ancestry?.members.has(candidate)) {
    const below = ancestry.descendsFrom(candidate);
    for (const id of of) if (below(id)) return true;
    return false;
  }
  const floor = map.levelOf(candidate);
  const seen = new Set<string>();
  const stack: string[] = [];
  for (const id of of) if (id === candidate || map.levelOf(id) > floor) stack.push(id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === candidate) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    if (map.levelOf(id) <= floor) continue;
    for (const p of map.parentsOf(id)) stack.push(p);
  }
  return false;
}

/**
 * Ancestor bitsets over the revisions of one plan (its `needs` or `drop` set), built on first use.
 * Within a plan no member is an ancestor of a row outside the set: such a row would itself be in
 * the set (it lies above a dropped revision and below a row / it is applied and above a needed one).
 * `asked`: the only members ever asked about as `ancestor`, when known; each row then holds one bit
 * per such member instead of one per member (history at 5,000 revisions asks about ~800).
 */
export class PlanAncestry {
  private readonly slot = new Map<string, number>();
  private readonly column = new Map<string, number>();
  private words = 0;
  private bits: Uint32Array | null = null;

  constructor(
    private readonly map: TraversableGraph,
    readonly members: ReadonlySet<string>,
    private readonly asked?: ReadonlySet<string>,
    /** childCounts(map, members), when the maker already has it (sortAncestry): topoSortDescending starts from it. */
    readonly childCounts?: ReadonlyMap<string, number>,
  ) {}

  /** Whether `ancestor` is `of` or one of its ancestors; both must be members. */
  isAncestor(ancestor: string, of: string): boolean {
    return this.descendsFrom(ancestor)(of);
  }

  /** `of => isAncestor(ancestor, of)`, with the ancestor looked up once (for scanning many `of`). */
  descendsFrom(ancestor: string): (of: string) => boolean {
    const bits = this.bits ?? this.build();
    if (!this.members.has(ancestor)) return () => false;
    const a = this.column.get(ancestor);
    // Not one of the members `asked` named: answered by a search instead (never the case in topoSortDescending).
    if (a === undefined) return (of) => this.members.has(of) && isAncestorOfAny(this.map, ancestor, [of]);
    const word = a >>> 5;
    const mask = 1 << (a & 31);
    return (of) => {
      const o = this.slot.get(of);
      return o !== undefined && (bits[o * this.words + word] & mask) !== 0;
    };
  }

  private build(): Uint32Array {
    // Parents before children: ancestors sit on lower levels (a stable sort keeps load order within a level).
    const unsorted = [...this.members];
    const levels = unsorted.map((id) => this.map.levelOf(id));
    const members = unsorted.map((_, k) => k).sort((a, b) => levels[a] - levels[b]).map((k) => unsorted[k]);
    for (const id of members) {
      this.slot.set(id, this.slot.size);
      if (this.asked === undefined || this.asked.has(id)) this.column.set(id, this.column.size);
    }
    const words = (this.column.size + 31) >>> 5;
    this.words = words;
    const bits = new Uint32Array(members.length * words);
    for (let i = 0; i < members.length; i++) {
      const id = members[i];
      const row = i * words;
      const own = this.column.get(id);
      if (own !== undefined) bits[row + (own >>> 5)] |= 1 << (own & 31);
      for (const p of this.map.parentsOf(id)) {
        const j = this.slot.get(p);
        if (j === undefined) continue;
        const from = j * words;
        for (let w = 0; w < words; w++) bits[row + w] |= bits[from + w];
      }
    }
    this.bits = bits;
    return bits;
  }
}

/**
 * Alembic's RevisionMap._topological_sort (alembic-semantics §2.5): emits `todo` from the top down,
 * depth-first along each head's line, and holds a shared ancestor back until every current head
 * that still needs it is done. Upgrade applies the reverse; downgrade applies it as is.
 *
 * Alembic recomputes ancestor sets at each step; here a revision is "still needed" exactly when one
 * of its normdown children in `todo` is not yet emitted (valid because Alembic's todo sets are
 * closed under paths between their members), and the bitsets only pick which head to switch to.
 */
export function topoSortDescending(map: TraversableGraph, todo: Set<string>, heads: string[], ancestry?: PlanAncestry): string[] {
  const remaining = new Set(todo);
  const neededBy = ancestry?.members === todo && ancestry.childCounts ? new Map(ancestry.childCounts) : childCounts(map, todo);
  const current = [...new Set(heads.filter((h) => todo.has(h)))].sort((a, b) => map.indexOf(a) - map.indexOf(b));
  const inCurrent = new Set(current);
  const output: string[] = [];
  const lineage = ancestry ?? new PlanAncestry(map, todo, askedAbout(neededBy, inCurrent));
  let i = 0;
  let switches = 0;
  while (current.length > 0) {
    const candidate = current[i];
    // Another current head still needs this revision: finish that head first (bounded in case of cycles).
    if ((neededBy.get(candidate) ?? 0) > 0 && switches <= current.length) {
      const below = lineage.descendsFrom(candidate);
      const j = current.findIndex((head, k) => k !== i && below(head));
      if (j >= 0) {
        i = j;
        switches++;
        continue;
      }
    }
    switches = 0;
    output.push(candidate);
    remaining.delete(candidate);
    inCurrent.delete(candidate);
    const parents = map.parentsOf(candidate);
    for (const p of parents) if (todo.has(p)) neededBy.set(p, neededBy.get(p)! - 1);
    const added = parents.filter((p) => remaining.has(p) && !inCurrent.has(p));
    if (added.length === 0) {
      current.splice(i, 1);
      i = Math.max(i - 1, 0);
    } else {
      current[i] = added[0];
      current.push(...added.slice(1));
      for (const p of added) inCurrent.add(p);
    }
  }
  return output;
}

/**
 * Alembic's _get_all_current: `rows` plus everything they imply (normdown), keeping only the members
 * with no down-edge descendant in that set. Dependencies implied by a row stay visible; plain
 * ancestors (and overlapping rows) are hidden. A member's down-edge descendant in the set would
 * drag a direct child in with it, so checking direct children is enough. Result in load order.
 */
export function branchTips(map: TraversableGraph, rows: Iterable<string>): string[] {
  const all = map.ancestors(rows);
  const tips = [...all].filter((id) => !map.childrenOf(id, false).some((child) => all.has(child)));
  return tips.sort((a, b) => map.indexOf(a) - map.indexOf(b));
}

/** For each member of `todo` with children in `todo`: how many (normdown children). */
function childCounts(map: TraversableGraph, todo: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of todo) {
    for (const p of map.parentsOf(id)) if (todo.has(p)) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return counts;
}

/**
 * A PlanAncestry for topoSortDescending(map, todo, heads) that a plan shares: its bitsets answer
 * for what the sort asks and for `alsoAsked` (anything else by a search).
 */
export function sortAncestry(map: TraversableGraph, todo: ReadonlySet<string>, heads: readonly string[], alsoAsked: Iterable<string> = []): PlanAncestry {
  const counts = childCounts(map, todo);
  const asked = askedAbout(counts, new Set(heads.filter((h) => todo.has(h))));
  for (const id of alsoAsked) asked.add(id);
  return new PlanAncestry(map, todo, asked, counts);
}

/**
 * The revisions topoSortDescending can ask isAncestor about: a candidate still needed by a child.
 * A revision enters `current` from a child just emitted (whose count it already lost), so one still
 * needed then has two or more children in todo; only a starting head can be needed with one.
 */
function askedAbout(neededBy: ReadonlyMap<string, number>, heads: ReadonlySet<string>): Set<string> {
  const asked = new Set<string>();
  for (const [id, children] of neededBy) if (children >= 2 || heads.has(id)) asked.add(id);
  return asked;
}
