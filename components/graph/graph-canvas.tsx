"use client";

import {
  Background,
  BackgroundVariant,
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
import { NODE_HEIGHT, NODE_WIDTH, type GraphLayout } from "@/lib/core/view/layout";
import { DependsEdge, LaneEdge } from "./lane-edge";
import { FoldNode } from "./fold-node";
import { RevisionNode } from "./revision-node";
import { useKeepViewport } from "./use-keep-viewport";

// Module-level, so React Flow never sees new node or edge types between renders.
const nodeTypes = { revision: RevisionNode, fold: FoldNode };
const edgeTypes = { lane: LaneEdge, depends: DependsEdge };

const minimapColor = (node: Node) => (node.type === "fold" ? "#a1a1aa" : "#0ea5e9");

export function GraphCanvas({
  layout,
  nodes,
  edges,
  focused,
  onNodeClick,
  onNodeActivate,
  panel,
}: {
  layout: GraphLayout;
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
  // Open on the heads: fit the first rows rather than a 5,000-row history.
  const fitNodes = useMemo(() => nodes.slice(0, 6).map((n) => ({ id: n.id })), [nodes]);
  useKeepViewport(layout, container, ready);

  useEffect(() => {
    if (!ready || !focused) return;
    const current = layoutRef.current;
    const node = current.nodes.find((n) => n.id === current.nodeOf.get(focused));
    if (node) void setCenter(node.x + NODE_WIDTH / 2, node.y + NODE_HEIGHT / 2, { zoom: 1, duration: 400 });
  }, [ready, focused, setCenter]);

  return (
    <div
      ref={container}
      className="h-full w-full"
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
        fitView={initialFocus.current === null}
        // A phone-wide canvas zooms out until the first lanes fit instead of cutting off the left.
        fitViewOptions={{ nodes: fitNodes, maxZoom: 1, minZoom: 0.3, padding: 0.15 }}
        minZoom={0.05}
        maxZoom={1.5}
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={24} size={1} />
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
    </div>
  );
}
