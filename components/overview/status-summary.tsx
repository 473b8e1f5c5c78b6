import Link from "next/link";
import type { EnvironmentStatusKind, EnvironmentView } from "@/lib/core/view/view-types";
import { statusStyle } from "@/components/ui/status";

export const STATUS_ORDER: EnvironmentStatusKind[] = ["current", "behind", "unknown-revision", "overlapping", "unversioned", "empty", "unreachable"];

/** The `?status=` filter of the overview, or null for "all" (anything unknown is ignored). */
export function parseStatusFilter(value: string | string[] | undefined): EnvironmentStatusKind | null {
  const text = Array.isArray(value) ? value[0] : value;
  return STATUS_ORDER.find((s) => s === text) ?? null;
}

/**
 * One chip of counts per status, so drift is visible before reading any card. Each chip is a
 * link that filters the grid (the URL holds the filter, so it can be shared and survives reload).
 */
export function StatusSummary({ environments, active }: { environments: readonly EnvironmentView[]; active: EnvironmentStatusKind | null }) {
  const counts = new Map<EnvironmentStatusKind, number>();
  for (const env of environments) counts.set(env.status, (counts.get(env.status) ?? 0) + 1);
  const chip = "inline-flex items-center gap-2 rounded-lg border px-3 py-1.5 text-sm hover:border-zinc-400 dark:hover:border-zinc-500";
  const idle = "border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900";
  const on = "border-zinc-900 bg-zinc-900 text-white dark:border-zinc-100 dark:bg-zinc-100 dark:text-zinc-900";
  return (
    <nav aria-label="Filter environments by status" className="flex flex-wrap items-center gap-2" data-testid="status-summary">
      <Link href="/" scroll={false} aria-current={active === null ? "true" : undefined} className={`${chip} ${active === null ? on : idle}`} data-testid="status-chip-all">
        <span className="font-semibold tabular-nums">{environments.length}</span>
        <span>all</span>
      </Link>
      {STATUS_ORDER.filter((status) => counts.has(status)).map((status) => (
        <Link
          key={status}
          href={active === status ? "/" : `/?status=${status}`}
          scroll={false}
          aria-current={active === status ? "true" : undefined}
          className={`${chip} ${active === status ? on : idle}`}
          data-testid={`status-chip-${status}`}
          data-count={counts.get(status)}
        >
          <span className={`size-2 rounded-full ${statusStyle[status].dot}`} aria-hidden />
          <span className="font-semibold tabular-nums">{counts.get(status)}</span>
          <span>{statusStyle[status].label.toLowerCase()}</span>
        </Link>
      ))}
    </nav>
  );
}
