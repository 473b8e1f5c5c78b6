// Lane layout of the revision DAG, in the manner of `git log --graph`: one row per node in
// history order (children above parents), one lane per live line of descent, lanes freed when
// a line ends and reused by the next. Linear time; no recursion (histories reach 5,000+).
import { DEFAULT_MIN_FOLD_LENGTH, findFoldRuns } from "./fold";
import type { ProjectGraphView, RevisionNodeView } from "./view-types";

export const NODE_WIDTH = 236;
export const NODE_HEIGHT = 64;
export const LANE_WIDTH = 272;
export const ROW_HEIGHT = 92;

export interface LayoutNode {
  id: string;
  kind: "revision" | "fold";
  revision?: string;
  /** Fold nodes only: the hidden revisions, child-most first. */
  foldedRevisions?: string[];
  lane: number;
  row: number;
  x: number;
  y: number;
}

export interface LayoutEdge {
  id: string;
  /** The child (drawn above). */
  source: string;
  /** The parent or dependency (drawn below). */
  target: string;
  kind: "down" | "depends";
}

export interface GraphLayout {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  lanes: number;
  rows: number;
  /** Revision id → id of the node that shows it (itself, or the fold hiding it). */
  nodeOf: Map<string, string>;
}

export interface LayoutOptions {
  expandedFolds: ReadonlySet<string>;
  /** Revisions never folded: environment rows, search hits. */
  keepVisible: ReadonlySet<string>;
  minFoldLength?: number;
}

interface Unit {
  id: string;
  index: number;
  revision?: RevisionNodeView;
  folded?: string[];
  down: string[];
  depends: string[];
}

/** The node that shows `revision` (itself, or the fold hiding it), if the layout has one. */
export function nodeShowing(layout: GraphLayout, revision: string): LayoutNode | undefined {
  const id = layout.nodeOf.get(revision);
  return id === undefined ? undefined : layout.nodes.find((n) => n.id === id);
}

export function layoutRevisionGraph(view: ProjectGraphView, opts: LayoutOptions): GraphLayout {
  const units = collapse(view, opts);
  const order = historyOrder(units.list, units.byId);
  const lanesOf = assignLanes(order, units.byId);

  const nodes: LayoutNode[] = order.map((u, row) => {
    const lane = lanesOf.get(u.id)!;
    const x = lane * LANE_WIDTH;
    const y = row * ROW_HEIGHT;
    return u.folded
      ? { id: u.id, kind: "fold", foldedRevisions: u.folded, lane, row, x, y }
      : { id: u.id, kind: "revision", revision: u.id, lane, row, x, y };
  });
  const edges: LayoutEdge[] = [];
  for (const u of order) {
    for (const p of u.down) edges.push({ id: `d:${u.id}>${p}`, source: u.id, target: p, kind: "down" });
    for (const p of u.depends) edges.push({ id: `p:${u.id}>${p}`, source: u.id, target: p, kind: "depends" });
  }
  let lanes = 0;
  for (const n of nodes) lanes = Math.max(lanes, n.lane + 1);
  return { nodes, edges, lanes, rows: nodes.length, nodeOf: units.nodeOf };
}

/** Replaces each folded run by one unit; maps every edge onto units. */
function collapse(view: ProjectGraphView, opts: LayoutOptions) {
  const seen = new Set<string>();
  const revisions = view.revisions.filter((r) => !seen.has(r.revision) && seen.add(r.revision));
  const nodeOf = new Map<string, string>();
  const foldOf = new Map<string, string[]>();
  const runs = findFoldRuns(revisions, opts.keepVisible, opts.minFoldLength ?? DEFAULT_MIN_FOLD_LENGTH);
  for (const run of runs) {
    if (opts.expandedFolds.has(run.id)) continue;
    for (const r of run.revisions) nodeOf.set(r, run.id);
    foldOf.set(run.id, run.revisions);
  }
  for (const r of revisions) if (!nodeOf.has(r.revision)) nodeOf.set(r.revision, r.revision);

  const byRevision = new Map(revisions.map((r) => [r.revision, r]));
  const mapEdges = (from: string, targets: readonly string[]) => {
    const out: string[] = [];
    for (const t of targets) {
      const unit = nodeOf.get(t);
      if (unit !== undefined && unit !== from && !out.includes(unit)) out.push(unit);
    }
    return out;
  };
  const list: Unit[] = [];
  const byId = new Map<string, Unit>();
  for (const r of revisions) {
    const id = nodeOf.get(r.revision)!;
    if (byId.has(id)) continue;
    const folded = foldOf.get(id);
    const bottom = folded ? byRevision.get(folded[folded.length - 1])! : r;
    const down = mapEdges(id, bottom.downRevisions);
    const depends = folded ? [] : mapEdges(id, r.dependsOn).filter((d) => !down.includes(d));
    const unit: Unit = { id, index: list.length, down, depends, folded, revision: folded ? undefined : r };
    list.push(unit);
    byId.set(id, unit);
  }
  return { list, byId, nodeOf };
}

/**
 * Children before parents. The view already comes in Alembic's history order; this keeps
 * that order where it is valid and repairs it where it is not (e.g. around a cycle, whose
 * members are emitted in input order once nothing else is ready).
 */
function historyOrder(list: Unit[], byId: Map<string, Unit>): Unit[] {
  const waitingChildren = new Map<string, number>();
  for (const u of list) {
    for (const p of u.down) waitingChildren.set(p, (waitingChildren.get(p) ?? 0) + 1);
    for (const p of u.depends) waitingChildren.set(p, (waitingChildren.get(p) ?? 0) + 1);
  }
  const ready = new MinHeap();
  for (const u of list) if (!waitingChildren.get(u.id)) ready.push(u.index);
  const emitted = new Array<boolean>(list.length).fill(false);
  const order: Unit[] = [];
  let scan = 0;
  while (order.length < list.length) {
    let next = ready.pop();
    if (next === undefined) {
      while (emitted[scan]) scan++;
      next = scan; // cycle: break it at the earliest remaining unit
    }
    if (emitted[next]) continue;
    emitted[next] = true;
    const u = list[next];
    order.push(u);
    for (const edges of [u.down, u.depends]) {
      for (const p of edges) {
        const left = waitingChildren.get(p)! - 1;
        waitingChildren.set(p, left);
        const parent = byId.get(p)!;
        if (left === 0 && !emitted[parent.index]) ready.push(parent.index);
      }
    }
  }
  return order;
}

/** git-log-style lanes. A lane holds the unit it waits for; depends_on edges reserve none. */
function assignLanes(order: Unit[], byId: Map<string, Unit>): Map<string, number> {
  const lanes: (string | null)[] = [];
  const reserved = new Map<string, number>();
  const placed = new Map<string, number>();
  const firstFree = () => {
    const i = lanes.indexOf(null);
    if (i >= 0) return i;
    lanes.push(null);
    return lanes.length - 1;
  };
  for (const u of order) {
    const lane = reserved.get(u.id) ?? firstFree();
    reserved.delete(u.id);
    placed.set(u.id, lane);
    lanes[lane] = null;
    for (const p of u.down) {
      if (reserved.has(p) || placed.has(p) || !byId.has(p)) continue;
      // The first parent not yet waited for continues straight down this lane.
      const slot = lanes[lane] === null ? lane : firstFree();
      lanes[slot] = p;
      reserved.set(p, slot);
    }
  }
  return placed;
}

class MinHeap {
  private items: number[] = [];
  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent] <= a[i]) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }
  pop(): number | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}
