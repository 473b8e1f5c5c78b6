import type { EnvironmentStatusKind } from "@/lib/core/view/view-types";
import { statusLabel, statusStyle } from "./status";

export function StatusBadge({ status, pendingCount = 0 }: { status: EnvironmentStatusKind; pendingCount?: number }) {
  const style = statusStyle[status];
  return (
    <span
      data-testid="status-badge"
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.tone}`}
    >
      <span className={`size-1.5 rounded-full ${style.dot}`} aria-hidden />
      {statusLabel(status, pendingCount)}
    </span>
  );
}
