"use client";

import { BaseEdge, getBezierPath, type Edge, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { NODE_HEIGHT, NODE_WIDTH, ROW_HEIGHT } from "@/lib/core/view/layout";
import { useGraphHighlight, type NodeState } from "./graph-context";

export type LaneFlowEdge = Edge<Record<string, never>, "lane" | "depends">;

const GAP = ROW_HEIGHT - NODE_HEIGHT;
const LOOP = NODE_WIDTH * 0.75;

/**
 * A down edge as `git log --graph` draws it: it bends into the parent's lane right below
 * the child, then runs straight down that lane (kept free by the layout) to the parent.
 */
function lanePath(sx: number, sy: number, tx: number, ty: number): string {
  // Only a cycle points upward: loop around the right of the nodes instead of through them.
  if (ty <= sy) return `M ${sx} ${sy} C ${sx + LOOP} ${sy + GAP}, ${tx + LOOP} ${ty - GAP}, ${tx} ${ty}`;
  if (Math.abs(sx - tx) < 1) return `M ${sx} ${sy} L ${tx} ${ty}`;
  const bend = Math.min(GAP, ty - sy);
  return `M ${sx} ${sy} C ${sx} ${sy + bend / 2} ${tx} ${sy + bend / 2} ${tx} ${sy + bend} L ${tx} ${ty}`;
}

function strokeFor(source: NodeState | undefined, target: NodeState | undefined): string {
  if (source === "applied" && target === "applied") return "var(--edge-applied)";
  if (source === "pending" && (target === "pending" || target === "applied")) return "var(--edge-pending)";
  return "var(--edge-default)";
}

/** The path and stroke of a layout edge between two handle points: React Flow's edges and the first screen draw it alike. */
export function edgeDrawing(
  kind: "down" | "depends",
  [sx, sy, tx, ty]: readonly [number, number, number, number],
  source: NodeState | undefined,
  target: NodeState | undefined,
): { path: string; style: React.CSSProperties } {
  if (kind === "depends") {
    const [path] = getBezierPath({ sourceX: sx, sourceY: sy, targetX: tx, targetY: ty });
    return { path, style: { stroke: strokeFor(source, target), strokeWidth: 1.5, strokeDasharray: "5 4" } };
  }
  const upward = ty <= sy;
  const stroke = upward ? "var(--edge-problem)" : strokeFor(source, target);
  return { path: lanePath(sx, sy, tx, ty), style: { stroke, strokeWidth: 1.75, strokeDasharray: upward ? "3 3" : undefined } };
}

function LaneEdgeComponent({ source, target, sourceX, sourceY, targetX, targetY }: EdgeProps<LaneFlowEdge>) {
  const { states } = useGraphHighlight();
  const { path, style } = edgeDrawing("down", [sourceX, sourceY, targetX, targetY], states.get(source), states.get(target));
  return <BaseEdge path={path} style={style} interactionWidth={0} />;
}

function DependsEdgeComponent({ source, target, sourceX, sourceY, targetX, targetY, markerEnd }: EdgeProps<LaneFlowEdge>) {
  const { states } = useGraphHighlight();
  const { path, style } = edgeDrawing("depends", [sourceX, sourceY, targetX, targetY], states.get(source), states.get(target));
  return <BaseEdge path={path} markerEnd={markerEnd} style={style} interactionWidth={0} />;
}

export const LaneEdge = memo(LaneEdgeComponent);
export const DependsEdge = memo(DependsEdgeComponent);
