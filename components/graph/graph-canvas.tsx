"use client";

import {
  Background,
  BackgroundVariant,
  Controls,
  Panel,
  ReactFlow,
  useReactFlow,
  type Edge,
  type Node,
  type NodeMouseHandler,
} from "@xyflow/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { NODE_HEIGHT, NODE_WIDTH, type GraphLayout } from "@/lib/core/layout";
import { DependsEdge, LaneEdge } from "./lane-edge";
import { FoldNode } from "./fold-node";
import { RevisionNode } from "./revision-node";

// Module-level, so React Flow never sees new node or edge types between renders.
const nodeTypes = { revision: RevisionNode, fold: FoldNode };
const edgeTypes = { lane: LaneEdge, depends: DependsEdge };

export function GraphCanvas({
  layout,
  nodes,
  edges,
  focused,
  onNodeClick,
  panel,
}: {
  layout: GraphLayout;
  nodes: Node[];
  edges: Edge[];
  focused: string | null;
  onNodeClick: NodeMouseHandler;
  panel: React.ReactNode;
}) {
  const { setCenter } = useReactFlow();
  const [ready, setReady] = useState(false);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const initialFocus = useRef(focused);
  // Open on the heads: fit the first rows rather than a 5,000-row history.
  const fitNodes = useMemo(() => nodes.slice(0, 6).map((n) => ({ id: n.id })), [nodes]);

  useEffect(() => {
    if (!ready || !focused) return;
    const current = layoutRef.current;
    const node = current.nodes.find((n) => n.id === current.nodeOf.get(focused));
    if (node) void setCenter(node.x + NODE_WIDTH / 2, node.y + NODE_HEIGHT / 2, { zoom: 1, duration: 400 });
  }, [ready, focused, setCenter]);

  return (
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
      fitViewOptions={{ nodes: fitNodes, maxZoom: 1, minZoom: 0.8, padding: 0.2 }}
      minZoom={0.05}
      maxZoom={1.5}
      proOptions={{ hideAttribution: true }}
    >
      <Background variant={BackgroundVariant.Dots} gap={24} size={1} />
      <Controls showInteractive={false} position="bottom-right" />
      <Panel position="top-right">{panel}</Panel>
    </ReactFlow>
  );
}
