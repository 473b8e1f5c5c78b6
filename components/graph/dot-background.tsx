"use client";

import { useStoreApi } from "@xyflow/react";
import { useLayoutEffect, useRef } from "react";

/** Between dots at zoom 1, and each dot's diameter, as React Flow's dotted Background with gap 24, size 1. */
const GAP = 24;
const DOT = 1;
/** The layer overhangs the pane by more than one gap at the largest zoom (1.5), so a shift never shows its edge. */
const OVERHANG = 40;

const mod = (a: number, n: number) => ((a % n) + n) % n;

/**
 * The pane's dot grid as one CSS-painted layer that moves by a transform: panning shifts pixels
 * already drawn (a compositor move) instead of repainting the whole pane's pattern every frame,
 * as React Flow's SVG Background does. Only a zoom changes the tile size and repaints it.
 * Follows the viewport through the store directly: no React render per frame.
 */
export function DotBackground() {
  const store = useStoreApi();
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    let zoom = NaN;
    const apply = ([x, y, z]: readonly [number, number, number]) => {
      const gap = GAP * z;
      if (z !== zoom) {
        zoom = z;
        const r = Math.max((DOT * z) / 2, 0.35);
        el.style.backgroundSize = `${gap}px ${gap}px`;
        el.style.backgroundImage = `radial-gradient(circle at center, var(--flow-dot) ${r}px, transparent ${r + 0.5}px)`;
      }
      el.style.transform = `translate(${mod(x, gap)}px, ${mod(y, gap)}px)`;
    };
    apply(store.getState().transform);
    return store.subscribe((state, previous) => {
      if (state.transform !== previous.transform) apply(state.transform);
    });
  }, [store]);
  return (
    <div
      ref={ref}
      aria-hidden
      data-testid="dot-background"
      className="pointer-events-none absolute will-change-transform"
      style={{ left: -OVERHANG, top: -OVERHANG, right: -OVERHANG, bottom: -OVERHANG }}
    />
  );
}
