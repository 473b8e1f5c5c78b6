"use client";

import {
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type Edge,
  type Node,
  type NodeMouseHandler,
} from "@xyflow/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { NODE_HEIGHT, NODE_WIDTH, nodeShowing, type GraphLayout } from "@/lib/core/view/layout";
import type { RevisionNodeView } from "@/lib/core/view/view-types";
import { FIRST_SCREEN_ROWS, FIT_MAX_ZOOM, FIT_MIN_ZOOM, FIT_PADDING, FirstScreen } from "./first-screen";
import { DotBackground } from "./dot-background";
import { DependsEdge, LaneEdge } from "./lane-edge";
import { FoldNode } from "./fold-node";
import { RevisionNode } from "./revision-node";
import { useKeepViewport } from "./use-keep-viewport";

// Module-level, so React Flow never sees new node or edge types between renders.
const nodeTypes = { revision: RevisionNode, fold: FoldNode };
const edgeTypes = { lane: LaneEdge, depends: DependsEdge };

/**
 * While the view moves, the viewport is its own compositor layer (will-change: transform in
 * globals.css): a pan is then the compositor shifting pixels already drawn, not a repaint of every
 * node and edge each frame, which a software-rasterising browser cannot keep up at 60 fps. It goes
 * back to a plain layer a moment after the move, so text drawn at a new zoom is sharp again.
 * Set on the DOM directly: a render per move start and end would cost more than it saves.
 */
const SETTLE_MS = 250;
const settling = new WeakMap<HTMLElement, ReturnType<typeof setTimeout>>();
function setMoving(el: HTMLElement | null, moving: boolean): void {
  if (!el) return;
  clearTimeout(settling.get(el));
  if (moving) el.dataset.moving = "true";
  else settling.set(el, setTimeout(() => delete el.dataset.moving, SETTLE_MS));
}

const minimapColor = (node: Node) => (node.type === "fold" ? "#a1a1aa" : "#0ea5e9");

export function GraphCanvas({
  layout,
  revisions,
  nodes,
  edges,
  focused,
  onNodeClick,
  onNodeActivate,
  panel,
}: {
  layout: GraphLayout;
  revisions: ReadonlyMap<string, RevisionNodeView>;
  nodes: Node[];
  edges: Edge[];
  focused: string | null;
  onNodeClick: NodeMouseHandler;
  /** Enter on a focused node: what a click does. */
  onNodeActivate: (id: string) => void;
  panel: React.ReactNode;
}) {
  const { setCenter } = useReactFlow();
  const [ready, setReady] = useState(false);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const initialFocus = useRef(focused);
  const container = useRef<HTMLDivElement>(null);
  // Open on the heads: fit the first rows rather than a 5,000-row history (or centre the search hit).
  const firstRows = useMemo(() => layout.nodes.slice(0, FIRST_SCREEN_ROWS), [layout]);
  const fitNodes = useMemo(() => firstRows.map((n) => ({ id: n.id })), [firstRows]);
  const opening = useMemo(() => {
    const hit = initialFocus.current === null ? undefined : nodeShowing(layout, initialFocus.current);
    return hit ? [hit] : firstRows;
  }, [layout, firstRows]);
  useKeepViewport(layout, container, ready);

  useEffect(() => {
    if (!ready || !focused) return;
    const node = nodeShowing(layoutRef.current, focused);
    if (node) void setCenter(node.x + NODE_WIDTH / 2, node.y + NODE_HEIGHT / 2, { zoom: 1, duration: 400 });
  }, [ready, focused, setCenter]);

  return (
    <div
      ref={container}
      className="relative h-full w-full"
      onKeyDown={(e) => {
        if (e.key !== "Enter") return;
        const id = (e.target as HTMLElement).closest<HTMLElement>(".react-flow__node")?.dataset.id;
        if (id) {
          e.preventDefault();
          onNodeActivate(id);
        }
      }}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onlyRenderVisibleElements
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        onNodeClick={onNodeClick}
        onInit={() => setReady(true)}
        onMoveStart={() => setMoving(container.current, true)}
        onMoveEnd={() => setMoving(container.current, false)}
        fitView={initialFocus.current === null}
        // A phone-wide canvas zooms out until the first lanes fit instead of cutting off the left.
        fitViewOptions={{ nodes: fitNodes, maxZoom: FIT_MAX_ZOOM, minZoom: FIT_MIN_ZOOM, padding: FIT_PADDING }}
        minZoom={0.05}
        maxZoom={1.5}
        proOptions={{ hideAttribution: true }}
      >
        <DotBackground />
        <Controls showInteractive={false} position="bottom-right" />
        <MiniMap
          pannable
          zoomable
          position="bottom-left"
          ariaLabel="Overview of the whole graph: drag to move the view"
          nodeColor={minimapColor}
          nodeStrokeWidth={0}
          maskColor="rgb(113 113 122 / 0.25)"
          className="hidden! border border-zinc-200 bg-white! sm:block! dark:border-zinc-700 dark:bg-zinc-900!"
        />
        <Panel position="top-right">{panel}</Panel>
      </ReactFlow>
      <FirstScreen layout={layout} fit={opening} revisions={revisions} />
    </div>
  );
}
