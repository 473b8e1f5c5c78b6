"use client";

import type { Node, NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useGraphHighlight } from "./graph-context";
import { NodeHandles } from "./revision-node";

export type FoldFlowNode = Node<{ foldId: string; revisions: string[] }, "fold">;

/** A fold's card (a button that opens it); React Flow's node adds its handles as children. */
export function FoldCard({ foldId, revisions, children }: { foldId: string; revisions: readonly string[]; children?: React.ReactNode }) {
  const { overlay, expandFold } = useGraphHighlight();
  const steps = overlay ? revisions.map((r) => overlay.pendingOrder.get(r)).filter((n) => n !== undefined) : [];
  const applied = overlay ? revisions.filter((r) => overlay.applied.has(r)).length : 0;
  return (
    <button
      type="button"
      data-testid={foldId}
      data-fold-count={revisions.length}
      data-fold-revisions={revisions.join(" ")}
      onClick={() => expandFold(foldId)}
      className="flex h-full w-full items-center gap-3 rounded-lg border border-dashed border-zinc-300 bg-zinc-100/80 px-3 text-left hover:border-zinc-400 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900/60 dark:hover:border-zinc-500"
      title="Expand this run of revisions"
    >
      <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-white text-zinc-500 shadow-sm dark:bg-zinc-800">
        <svg viewBox="0 0 16 16" className="size-4" fill="currentColor" aria-hidden>
          <circle cx="8" cy="3" r="1.4" />
          <circle cx="8" cy="8" r="1.4" />
          <circle cx="8" cy="13" r="1.4" />
        </svg>
      </span>
      <span className="min-w-0">
        <span className="block text-xs font-medium text-zinc-800 dark:text-zinc-200">
          {revisions.length} revisions folded
        </span>
        <span className="block truncate font-mono text-[11px] text-zinc-500">
          {revisions[0].slice(0, 8)} … {revisions[revisions.length - 1].slice(0, 8)}
        </span>
        {overlay && (
          <span className="block text-[11px] text-zinc-500">
            {steps.length > 0
              ? `${steps.length} pending · steps ${Math.min(...steps)}–${Math.max(...steps)}`
              : `${applied} applied`}
          </span>
        )}
      </span>
      <span className="ml-auto text-[11px] font-medium text-zinc-500">Expand</span>
      {children}
    </button>
  );
}

function FoldNodeComponent({ data }: NodeProps<FoldFlowNode>) {
  return (
    <FoldCard foldId={data.foldId} revisions={data.revisions}>
      <NodeHandles />
    </FoldCard>
  );
}

export const FoldNode = memo(FoldNodeComponent);
