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

function LaneEdgeComponent({ source, target, sourceX, sourceY, targetX, targetY }: EdgeProps<LaneFlowEdge>) {
  const { states } = useGraphHighlight();
  const upward = targetY <= sourceY;
  const stroke = upward ? "var(--edge-problem)" : strokeFor(states.get(source), states.get(target));
  const style = { stroke, strokeWidth: 1.75, strokeDasharray: upward ? "3 3" : undefined };
  return <BaseEdge path={lanePath(sourceX, sourceY, targetX, targetY)} style={style} />;
}

function DependsEdgeComponent({ source, target, sourceX, sourceY, targetX, targetY, markerEnd }: EdgeProps<LaneFlowEdge>) {
  const { states } = useGraphHighlight();
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY });
  const stroke = strokeFor(states.get(source), states.get(target));
  return <BaseEdge path={path} markerEnd={markerEnd} style={{ stroke, strokeWidth: 1.5, strokeDasharray: "5 4" }} />;
}

export const LaneEdge = memo(LaneEdgeComponent);
export const DependsEdge = memo(DependsEdgeComponent);
