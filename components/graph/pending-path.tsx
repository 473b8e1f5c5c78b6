"use client";

import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import type { EnvironmentOverlay } from "./environment-overlay";
import { setSearchParams } from "./url-state";

/** The chosen environment's `upgrade heads` path, in execution order. */
export function PendingPath({ project, overlay }: { project: string; overlay: EnvironmentOverlay }) {
  const { env } = overlay;
  const shown = env.pending.slice(0, 12);
  return (
    <div
      data-testid="pending-path"
      className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-xl border border-zinc-200 bg-white px-4 py-2.5 text-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <Link href={`/environments/${encodeURIComponent(env.name)}`} className="font-medium hover:underline">
        {env.name}
      </Link>
      <StatusBadge status={env.status} pendingCount={env.pending.length} />
      {env.pending.length === 0 ? (
        <span className="text-zinc-500">{env.reason ?? (env.status === "current" ? "Nothing to apply." : "No upgrade path.")}</span>
      ) : (
        <ol className="flex flex-wrap items-center gap-1.5 text-xs">
          <span className="text-zinc-500">upgrade heads applies</span>
          {shown.map((rev, i) => (
            <li key={rev} className="flex items-center gap-1.5">
              {i > 0 && <span className="text-zinc-300 dark:text-zinc-600">→</span>}
              <button
                type="button"
                onClick={() => setSearchParams({ q: rev }, "push")}
                className="inline-flex items-center gap-1 rounded-md bg-amber-50 px-1.5 py-0.5 font-mono text-amber-900 hover:bg-amber-100 dark:bg-amber-500/10 dark:text-amber-200"
              >
                <span className="font-sans font-semibold">{i + 1}</span>
                {rev.slice(0, 8)}
              </button>
            </li>
          ))}
          {env.pending.length > shown.length && <span className="text-zinc-500">… {env.pending.length - shown.length} more</span>}
        </ol>
      )}
    </div>
  );
}
