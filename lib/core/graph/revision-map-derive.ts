// The derived parts of RevisionMap._revision_map: normdeps, cycle detection, levels. Each works on
// slots (see slot-graph.ts) and returns arrays indexed by slot.
import { NONE, problem, type Links } from "./revision-map-build";
import { joinRows, kahnSlots, RowsBuilder, type Rows } from "./slot-graph";
import { closure, cyclicMembers } from "./traverse";
import type { Problem, ProblemKind, Revision } from "../types";

/**
 * normdeps (§2.3): resolved deps minus those some down-edge ancestor already depends on. Each
 * revision inherits, as a bitset over dependency targets, everything its ancestors depend on.
 */
export function normalizeDependencies(order: number[], links: Links): string[][] {
  const { ids, down, deps } = links;
  const result = new Array<string[]>(ids.length).fill(NONE);
  if (deps.to.length === 0) return result;
  const bit = new Int32Array(ids.length).fill(-1);
  let targets = 0;
  for (const d of deps.to) if (bit[d] < 0) bit[d] = targets++;
  const words = (targets + 31) >>> 5;
  const has = (bits: Uint32Array | null, d: number) => bits !== null && (bits[bit[d] >>> 5] & (1 << (bit[d] & 31))) !== 0;
  const passedDown = new Array<Uint32Array | null>(ids.length).fill(null);
  for (const i of order) {
    // One parent's bitset is shared as is; a merge gets a fresh union.
    let inherited: Uint32Array | null = null;
    let shared = true;
    for (let e = down.start[i]; e < down.start[i + 1]; e++) {
      const bits = passedDown[down.to[e]];
      if (bits === null) continue;
      if (inherited === null) inherited = bits;
      else {
        if (shared) inherited = inherited.slice();
        shared = false;
        for (let w = 0; w < words; w++) inherited[w] |= bits[w];
      }
    }
    if (deps.start[i] === deps.start[i + 1]) {
      passedDown[i] = inherited;
      continue;
    }
    const kept: string[] = [];
    const out = inherited ? inherited.slice() : new Uint32Array(words);
    for (let e = deps.start[i]; e < deps.start[i + 1]; e++) {
      const d = deps.to[e];
      if (!has(inherited, d)) kept.push(ids[d]);
      out[bit[d] >>> 5] |= 1 << (bit[d] & 31);
    }
    result[i] = kept;
    passedDown[i] = out;
  }
  return result;
}

/**
 * Cycles through down edges, then through down and dep edges (§1.6); Alembic stops at the first.
 * `downAcyclic`: the down-edge order placed every revision (no cycle through down edges).
 */
export function detectCycles(revisions: Revision[], links: Links, downAcyclic: boolean): Problem[] {
  const { ids, slot } = links;
  if (!downAcyclic) {
    const down = (id: string) => links.versionedDown[slot.get(id)!];
    return [cycleProblem("cycle", "Cycle", revisions, ids, (r) => r.isHead, down, (id) => links.nextRevisions[slot.get(id)!])];
  }
  // Without dependencies the second graph is the first one, already known to be acyclic.
  if (links.deps.to.length === 0 || kahnSlots(ids.length, joinRows(ids.length, links.down, links.deps)).stuck.length === 0) return [];
  const allDown = (id: string) => [...links.versionedDown[slot.get(id)!], ...links.resolvedDependencies[slot.get(id)!]];
  const up = (id: string) => links.allNextRevisions[slot.get(id)!];
  return [cycleProblem("dependency-cycle", "Dependency cycle", revisions, ids, (r) => r.isRealHead, allDown, up)];
}

type Neighbours = (id: string) => readonly string[];

function cycleProblem(kind: ProblemKind, label: string, revisions: Revision[], ids: string[], isTop: (r: Revision) => boolean, down: Neighbours, up: Neighbours): Problem {
  const cyclic = alembicCycleList(revisions, ids, isTop, down, up);
  const members = cyclic.length > 0 ? cyclic : cyclicMembers(ids, down, up).sort();
  const unseen = cyclic.length > 0 ? "" : " (Alembic does not detect this loop and fails later)";
  const path = revisions.find((r) => r.revision === members[0])?.path;
  const fix = "Break the loop: one of these revisions must not (indirectly) name itself as a parent";
  return problem(kind, `${label} is detected in revisions (${members.join(", ")})${unseen}`, path, members, fix);
}

/**
 * _detect_cycles: every revision that is not both reachable down from a head and up from a root
 * (sorted), or all of them in load order when there is no head or no root. Roots are revisions
 * with no existing parent, so a missing parent is reported as such and not as a cycle.
 */
function alembicCycleList(revisions: Revision[], ids: string[], isTop: (r: Revision) => boolean, down: Neighbours, up: Neighbours): string[] {
  const tops = revisions.filter(isTop).map((r) => r.revision);
  const roots = ids.filter((id) => down(id).length === 0);
  if (tops.length === 0 || roots.length === 0) return ids;
  const below = closure(tops, down);
  const above = closure(roots, up);
  return ids.filter((id) => !(below.has(id) && above.has(id))).sort();
}

/**
 * Longest normdown path from a root, by slot. `downOrder` (parents first through down edges, stuck
 * revisions last) is reused when no revision has normalized dependencies, as normdown is then down.
 */
export function computeLevels(revisions: Revision[], links: Links, downOrder: number[]): number[] {
  const count = revisions.length;
  let parents: Rows = links.down;
  let order = downOrder;
  if (revisions.some((r) => r.normalizedDependencies.length > 0)) {
    const rows = new RowsBuilder(count);
    // normdown is down plus normdeps; a repeated parent changes neither the order nor the levels.
    for (let i = 0; i < count; i++) {
      for (let e = links.down.start[i]; e < links.down.start[i + 1]; e++) rows.push(links.down.to[e]);
      for (const d of revisions[i].normalizedDependencies) rows.push(links.slot.get(d)!);
      rows.endRow();
    }
    const sorted = kahnSlots(count, rows);
    parents = rows;
    order = [...sorted.order, ...sorted.stuck];
  }
  const levels = new Array<number>(count).fill(-1);
  for (const i of order) {
    let level = 0;
    for (let e = parents.start[i]; e < parents.start[i + 1]; e++) {
      const p = levels[parents.to[e]];
      // A parent without a level yet is in a cycle: give up pruning below this revision.
      level = Math.max(level, (p < 0 ? Number.MAX_SAFE_INTEGER - 1 : p) + 1);
    }
    levels[i] = level;
  }
  return levels;
}
