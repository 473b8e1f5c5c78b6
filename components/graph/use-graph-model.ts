"use client";

import { type Edge, MarkerType, type Node } from "@xyflow/react";
import { useMemo } from "react";
import { findFoldRuns } from "@/lib/core/view/fold";
import { layoutRevisionGraph, NODE_HEIGHT, NODE_WIDTH, type GraphLayout } from "@/lib/core/view/layout";
import type { EnvironmentView, ProjectGraphView, RevisionNodeView } from "@/lib/core/view/view-types";
import { environmentOverlay, type EnvironmentOverlay } from "./environment-overlay";
import type { NodeState } from "./graph-context";
import { searchRevisions } from "./search";

/** Everything derived from the view and the URL state; React Flow's arrays depend on layout only. */
export function useGraphModel(input: {
  view: ProjectGraphView;
  environments: readonly EnvironmentView[];
  envName: string | null;
  query: string;
  expanded: ReadonlySet<string>;
  minFoldLength: number;
}) {
  const { view, environments, envName, query, expanded, minFoldLength } = input;
  const byId = useMemo(() => new Map(view.revisions.map((r) => [r.revision, r])), [view]);
  const keepVisible = useMemo(() => new Set(environments.flatMap((e) => e.rows)), [environments]);
  const focused = useMemo(() => searchRevisions(view.revisions, query, 1)[0]?.revision ?? null, [view, query]);
  const runs = useMemo(() => findFoldRuns(view.revisions, keepVisible, minFoldLength), [view, keepVisible, minFoldLength]);
  const expandedFolds = useMemo(() => {
    const all = new Set(expanded);
    const hiding = focused ? runs.find((run) => run.revisions.includes(focused)) : undefined;
    if (hiding) all.add(hiding.id); // a search hit inside a fold opens the fold
    return all;
  }, [expanded, focused, runs]);
  const layout = useMemo(
    () => layoutRevisionGraph(view, { expandedFolds, keepVisible, minFoldLength }),
    [view, expandedFolds, keepVisible, minFoldLength],
  );
  const nodes = useMemo(() => toFlowNodes(layout, byId), [layout, byId]);
  const edges = useMemo(() => toFlowEdges(layout), [layout]);
  const env = environments.find((e) => e.name === envName) ?? null;
  const overlay = useMemo(() => (env ? environmentOverlay(view, env) : null), [view, env]);
  const states = useMemo(() => nodeStates(layout, overlay), [layout, overlay]);
  return { byId, focused, layout, nodes, edges, overlay, states };
}

function toFlowNodes(layout: GraphLayout, byId: Map<string, RevisionNodeView>): Node[] {
  return layout.nodes.map((n) => ({
    id: n.id,
    type: n.kind,
    position: { x: n.x, y: n.y },
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    draggable: false,
    connectable: false,
    ariaLabel: n.kind === "fold" ? `${n.foldedRevisions!.length} folded revisions: press Enter to unfold` : `Revision ${n.revision}: press Enter to open`,
    data:
      n.kind === "fold"
        ? { foldId: n.id, revisions: n.foldedRevisions! }
        : { revision: byId.get(n.revision!)!, labels: byId.get(n.revision!)!.branchLabels },
  }));
}

function toFlowEdges(layout: GraphLayout): Edge[] {
  return layout.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    type: e.kind === "down" ? "lane" : "depends",
    // depends_on edges end in an arrow at the revision depended on, so which end is which is clear.
    ...(e.kind === "down" ? {} : { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: "#8b5cf6" } }),
    selectable: false,
    focusable: false,
  }));
}

function nodeStates(layout: GraphLayout, overlay: EnvironmentOverlay | null): Map<string, NodeState> {
  const states = new Map<string, NodeState>();
  if (!overlay) return states;
  const stateOf = (rev: string): NodeState =>
    overlay.applied.has(rev) ? "applied" : overlay.pendingOrder.has(rev) ? "pending" : "outside";
  for (const n of layout.nodes) {
    if (n.kind === "revision") {
      states.set(n.id, stateOf(n.revision!));
      continue;
    }
    const inner = n.foldedRevisions!.map(stateOf);
    states.set(n.id, inner.includes("pending") ? "pending" : inner.every((s) => s === "applied") ? "applied" : "outside");
  }
  return states;
}

