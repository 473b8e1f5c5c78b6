"use client";

import { useStore } from "@xyflow/react";
import { useMemo } from "react";
import { firstScreen } from "@/lib/core/view/first-screen";
import { NODE_HEIGHT, NODE_WIDTH, type GraphLayout, type LayoutNode } from "@/lib/core/view/layout";
import type { RevisionNodeView } from "@/lib/core/view/view-types";
import { FoldCard } from "./fold-node";
import { useGraphHighlight } from "./graph-context";
import { edgeDrawing } from "./lane-edge";
import { RevisionCard } from "./revision-node";

/** The opening view fits this many rows from the top (the heads). */
export const FIRST_SCREEN_ROWS = 6;
/** fitViewOptions of the canvas: the first screen scales as React Flow's fitView will. */
export const FIT_PADDING = 0.15;
export const FIT_MIN_ZOOM = 0.3;
export const FIT_MAX_ZOOM = 1;

// React Flow has not measured its pane until its first effect: the store's width is 0 on the
// server and through hydration, and set in the same commit that renders React Flow's own nodes.
const paneUnmeasured = (s: { width: number; height: number }) => s.width === 0 || s.height === 0;

/**
 * The opening view's nodes and edges as plain HTML and SVG, server-rendered, for the time
 * between the HTML arriving and React Flow measuring its pane: a 2,000-revision graph's script
 * takes a second or more to start on a slow machine, and the heads are on screen meanwhile.
 * Gone in the commit that renders React Flow's nodes, so no node is ever in the page twice.
 * Inert: nothing in it can be clicked or focused (the real nodes can, a moment later).
 */
export function FirstScreen({ layout, fit, revisions }: { layout: GraphLayout; fit: readonly LayoutNode[]; revisions: ReadonlyMap<string, RevisionNodeView> }) {
  const unmeasured = useStore(paneUnmeasured);
  const screen = useMemo(() => (unmeasured ? firstScreen(layout, fit) : null), [unmeasured, layout, fit]);
  const { states } = useGraphHighlight();
  if (!screen) return null;
  const { bounds, edgeBox } = screen;
  const cx = bounds.x + bounds.width / 2;
  const cy = bounds.y + bounds.height / 2;
  // fitView's zoom, min((pane − padding) / bounds) clamped; a browser without typed CSS
  // arithmetic (length ÷ length) drops the declaration and shows zoom 1, fitView's zoom on
  // any pane wide and tall enough for the opening rows.
  const fitWidth = `calc(100cqw / ${1 + FIT_PADDING} / ${bounds.width}px)`;
  const fitHeight = `calc(100cqh / ${1 + FIT_PADDING} / ${bounds.height}px)`;
  const scale = `max(${FIT_MIN_ZOOM}, min(${FIT_MAX_ZOOM}, ${fitWidth}, ${fitHeight}))`;
  const pad = NODE_WIDTH; // room for a cycle's loop and a dependency curve's bulge
  return (
    <div
      inert
      aria-hidden
      data-testid="first-screen"
      className="pointer-events-none absolute inset-0 overflow-hidden"
      style={{ containerType: "size" }}
    >
      <div className="absolute top-1/2 left-1/2 origin-top-left" style={{ transform: `translate(${-cx}px, ${-cy}px)`, scale }}>
        {edgeBox && (
          <svg
            className="absolute overflow-visible"
            style={{ left: edgeBox.x - pad, top: edgeBox.y - pad }}
            width={edgeBox.width + 2 * pad}
            height={edgeBox.height + 2 * pad}
            viewBox={`${edgeBox.x - pad} ${edgeBox.y - pad} ${edgeBox.width + 2 * pad} ${edgeBox.height + 2 * pad}`}
          >
            <defs>
              <marker id="first-screen-arrow" viewBox="-10 -10 20 20" markerWidth="18" markerHeight="18" orient="auto-start-reverse" refX="0" refY="0">
                <polyline points="-5,-4 0,0 -5,4 -5,-4" fill="#8b5cf6" stroke="#8b5cf6" strokeWidth="1" strokeLinecap="round" strokeLinejoin="round" />
              </marker>
            </defs>
            {screen.edges.map(({ edge, sx, sy, tx, ty }) => {
              const { path, style } = edgeDrawing(edge.kind, [sx, sy, tx, ty], states.get(edge.source), states.get(edge.target));
              return <path key={edge.id} d={path} fill="none" style={style} markerEnd={edge.kind === "depends" ? "url(#first-screen-arrow)" : undefined} />;
            })}
          </svg>
        )}
        {screen.nodes.map((n) => (
          <div key={n.id} className="absolute" style={{ left: n.x, top: n.y, width: NODE_WIDTH, height: NODE_HEIGHT }}>
            {n.kind === "fold" ? (
              <FoldCard foldId={n.id} revisions={n.foldedRevisions!} />
            ) : (
              <RevisionCard revision={revisions.get(n.revision!)!} labels={revisions.get(n.revision!)!.branchLabels} />
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
