"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { RevisionNodeView } from "@/lib/core/view/view-types";
import { Chip } from "@/components/ui/chip";
import { EnvBadges } from "./env-badges";
import { RevisionId } from "./revision-id";
import { useGraphHighlight } from "./graph-context";
import { accentOf, revisionRoles } from "./revision-kind";

export type RevisionFlowNode = Node<{ revision: RevisionNodeView; labels: string[] }, "revision">;

const frame = {
  applied: "border-emerald-300 bg-emerald-50/60 dark:border-emerald-500/40 dark:bg-emerald-500/10",
  pending: "border-amber-400 border-dashed bg-amber-50/60 dark:border-amber-400/60 dark:bg-amber-500/10",
  outside: "border-zinc-200 bg-white opacity-45 dark:border-zinc-800 dark:bg-zinc-900",
};

/** A revision's card; React Flow's node adds its handles as children, the first screen draws it bare. */
export function RevisionCard({ revision: r, labels, children }: { revision: RevisionNodeView; labels: readonly string[]; children?: React.ReactNode }) {
  const { overlay, states, badges, problems, focused, selected } = useGraphHighlight();
  const problem = problems.get(r.revision);
  const state = states.get(r.revision);
  const order = overlay?.pendingOrder.get(r.revision);
  const isRow = overlay?.rows.has(r.revision) ?? false;
  const head = r.isHead ? (r.isEffectiveHead ? "border-sky-400 border-dashed" : "border-sky-400") : "";
  const border = problem ? "border-rose-400 dark:border-rose-500/70" : head || "border-zinc-200 dark:border-zinc-800";
  const base = state ? frame[state] : `bg-white dark:bg-zinc-900 ${border}`;
  const ring =
    r.revision === focused
      ? "ring-2 ring-offset-2 ring-sky-500 dark:ring-offset-zinc-950"
      : r.revision === selected
        ? "ring-2 ring-zinc-900 dark:ring-zinc-100"
        : isRow
          ? "ring-2 ring-emerald-500"
          : "";
  return (
    <div
      data-testid={`rev-${r.revision}`}
      data-head={r.isHead ? "true" : undefined}
      data-state={state}
      data-problem={problem ? "true" : undefined}
      data-pending-order={order}
      className={`relative flex h-full w-full cursor-pointer overflow-visible rounded-lg border shadow-sm transition-opacity ${base} ${ring}`}
    >
      <span className={`w-1 shrink-0 rounded-l-[7px] ${accentOf(r)}`} aria-hidden />
      <div className="flex min-w-0 flex-1 flex-col justify-center gap-1 px-2.5">
        <div className="flex min-w-0 items-center gap-1.5 overflow-hidden">
          <RevisionId id={r.revision} className="text-xs font-medium text-zinc-900 dark:text-zinc-100" />
          {revisionRoles(r).map((role) => (
            <Chip key={role.key} tone={role.tone}>
              {role.label}
            </Chip>
          ))}
          {problem && (
            <Chip tone="red" title={problem.join("\n")}>
              problem
            </Chip>
          )}
          {labels.map((label) => (
            <Chip key={label} title={`branch label ${label}`}>
              @{label}
            </Chip>
          ))}
        </div>
        <p className="truncate text-xs text-zinc-600 dark:text-zinc-400" title={r.message}>
          {r.message || <span className="italic text-zinc-400">no message</span>}
        </p>
      </div>
      {order !== undefined && (
        <span
          className="absolute -left-3 top-1/2 flex size-6 -translate-y-1/2 items-center justify-center rounded-full bg-amber-500 text-[11px] font-semibold text-white shadow ring-2 ring-white dark:ring-zinc-950"
          title={`Step ${order} of the upgrade`}
          data-testid="pending-order"
        >
          {order}
        </span>
      )}
      <EnvBadges envs={badges.get(r.revision) ?? []} chosen={overlay?.env.name ?? null} />
      {children}
    </div>
  );
}

/** A node's edge anchors: parents' edges end at its top, its own edges start at its bottom. */
export function NodeHandles() {
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </>
  );
}

function RevisionNodeComponent({ data }: NodeProps<RevisionFlowNode>) {
  return (
    <RevisionCard revision={data.revision} labels={data.labels}>
      <NodeHandles />
    </RevisionCard>
  );
}

export const RevisionNode = memo(RevisionNodeComponent);
