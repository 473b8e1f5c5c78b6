// The graph's first screen, worked out without a browser: which layout nodes and edges the
// opening view shows, and where that view is centred. The page server-renders these so a
// revision is on screen as soon as the HTML is, before the graph's script has run.
import { NODE_HEIGHT, NODE_WIDTH, type GraphLayout, type LayoutEdge, type LayoutNode } from "./layout";

/** React Flow's handles are 6 px squares centred on the node's top and bottom edges. */
const HANDLE_HALF = 3;

/** Half the widest and tallest pane a first screen fills at zoom 1 (a 2,560 × 1,600 canvas). */
export const FIRST_SCREEN_HALF_WIDTH = 1_280;
export const FIRST_SCREEN_HALF_HEIGHT = 800;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FirstScreenEdge {
  edge: LayoutEdge;
  sx: number;
  sy: number;
  tx: number;
  ty: number;
}

export interface FirstScreen {
  /** What the opening view fits (React Flow's fitView bounds, or the focused node). */
  bounds: Box;
  nodes: LayoutNode[];
  edges: FirstScreenEdge[];
  /** The box of the edges' end points (what the first screen's SVG must cover); null without edges. */
  edgeBox: Box | null;
}

/** The smallest box around the given nodes; null when there are none. */
export function boundsOf(nodes: readonly LayoutNode[]): Box | null {
  if (nodes.length === 0) return null;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const n of nodes) {
    left = Math.min(left, n.x);
    top = Math.min(top, n.y);
    right = Math.max(right, n.x + NODE_WIDTH);
    bottom = Math.max(bottom, n.y + NODE_HEIGHT);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * The nodes within a large screen's reach of the opening view's centre, and every edge that
 * crosses that window (a lane line may start above it and end far below), with the end points
 * React Flow draws it between: a child's bottom handle to its parent's top handle. One pass
 * over nodes and one over edges.
 */
export function firstScreen(layout: GraphLayout, fit: readonly LayoutNode[]): FirstScreen | null {
  const bounds = boundsOf(fit);
  if (!bounds) return null;
  const cx = bounds.x + bounds.width / 2;
  const cy = bounds.y + bounds.height / 2;
  const window = { left: cx - FIRST_SCREEN_HALF_WIDTH, right: cx + FIRST_SCREEN_HALF_WIDTH, top: cy - FIRST_SCREEN_HALF_HEIGHT, bottom: cy + FIRST_SCREEN_HALF_HEIGHT };
  const overlaps = (left: number, top: number, right: number, bottom: number) =>
    right >= window.left && left <= window.right && bottom >= window.top && top <= window.bottom;
  const nodes: LayoutNode[] = [];
  const byId = new Map<string, LayoutNode>();
  for (const n of layout.nodes) {
    byId.set(n.id, n);
    if (overlaps(n.x, n.y, n.x + NODE_WIDTH, n.y + NODE_HEIGHT)) nodes.push(n);
  }
  const edges: FirstScreenEdge[] = [];
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const edge of layout.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) continue;
    const sx = source.x + NODE_WIDTH / 2;
    const sy = source.y + NODE_HEIGHT + HANDLE_HALF;
    const tx = target.x + NODE_WIDTH / 2;
    const ty = target.y - HANDLE_HALF;
    // The box of the straight segment: lane and dependency curves stay within their end points' box
    // (a cycle's loop bulges a little to the right, and is drawn a little late if it starts off screen).
    const box = { left: Math.min(sx, tx), top: Math.min(sy, ty), right: Math.max(sx, tx), bottom: Math.max(sy, ty) };
    if (!overlaps(box.left, box.top, box.right, box.bottom)) continue;
    edges.push({ edge, sx, sy, tx, ty });
    left = Math.min(left, box.left);
    top = Math.min(top, box.top);
    right = Math.max(right, box.right);
    bottom = Math.max(bottom, box.bottom);
  }
  const edgeBox = edges.length > 0 ? { x: left, y: top, width: right - left, height: bottom - top } : null;
  return { bounds, nodes, edges, edgeBox };
}
