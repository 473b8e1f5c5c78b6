import type { EnvironmentStatusKind, EnvironmentView } from "@/lib/core/view-types";
import { statusStyle } from "@/components/ui/status";

const order: EnvironmentStatusKind[] = ["current", "behind", "unknown-revision", "overlapping", "unversioned", "empty", "unreachable"];

/** One line of counts per status, so drift is visible before reading any card. */
export function StatusSummary({ environments }: { environments: readonly EnvironmentView[] }) {
  const counts = new Map<EnvironmentStatusKind, number>();
  for (const env of environments) counts.set(env.status, (counts.get(env.status) ?? 0) + 1);
  return (
    <div className="flex flex-wrap gap-2" data-testid="status-summary">
      {order
        .filter((status) => counts.has(status))
        .map((status) => (
          <span
            key={status}
            className="inline-flex items-center gap-2 rounded-lg border border-zinc-200 bg-white px-3 py-1.5 text-sm dark:border-zinc-800 dark:bg-zinc-900"
          >
            <span className={`size-2 rounded-full ${statusStyle[status].dot}`} aria-hidden />
            <span className="font-semibold tabular-nums">{counts.get(status)}</span>
            <span className="text-zinc-500">{statusStyle[status].label.toLowerCase()}</span>
          </span>
        ))}
    </div>
  );
}
