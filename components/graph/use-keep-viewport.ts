"use client";

import { useReactFlow } from "@xyflow/react";
import { type RefObject, useLayoutEffect, useRef } from "react";
import { NODE_HEIGHT, NODE_WIDTH, nodeShowing, type GraphLayout } from "@/lib/core/view/layout";

/**
 * When the layout changes under the view (folding changes, a fold opens), the revision nearest
 * the middle of the screen stays where it was on screen, instead of the whole view jumping.
 */
export function useKeepViewport(layout: GraphLayout, container: RefObject<HTMLDivElement | null>, ready: boolean): void {
  const { getViewport, setViewport } = useReactFlow();
  const previous = useRef<GraphLayout | null>(null);

  useLayoutEffect(() => {
    const before = previous.current;
    previous.current = layout;
    if (!ready || !before || before === layout || !container.current) return;
    const { x, y, zoom } = getViewport();
    const { width, height } = container.current.getBoundingClientRect();
    // The flow coordinates at the middle of the canvas, and the revision node nearest them.
    const cx = (width / 2 - x) / zoom;
    const cy = (height / 2 - y) / zoom;
    let anchor: { revision: string; x: number; y: number } | null = null;
    let best = Infinity;
    for (const n of before.nodes) {
      const revision = n.revision ?? n.foldedRevisions?.[0];
      if (!revision) continue;
      const d = Math.abs(n.x + NODE_WIDTH / 2 - cx) + Math.abs(n.y + NODE_HEIGHT / 2 - cy);
      if (d < best) {
        best = d;
        anchor = { revision, x: n.x, y: n.y };
      }
    }
    if (!anchor) return;
    const now = nodeShowing(layout, anchor.revision);
    if (!now) return;
    void setViewport({ x: x - (now.x - anchor.x) * zoom, y: y - (now.y - anchor.y) * zoom, zoom });
  }, [layout, ready, container, getViewport, setViewport]);
}
