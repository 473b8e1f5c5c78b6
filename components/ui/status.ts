import type { EnvironmentStatusKind } from "@/lib/core/view/view-types";

/** Colour and wording per environment status; shared by badges, cards and graph chips. */
export const statusStyle: Record<EnvironmentStatusKind, { label: string; tone: string; dot: string }> = {
  current: {
    label: "Current",
    tone: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-400 dark:ring-emerald-500/30",
    dot: "bg-emerald-500",
  },
  behind: {
    label: "Behind",
    tone: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-500/30",
    dot: "bg-amber-500",
  },
  "unknown-revision": {
    label: "Unknown revision",
    tone: "bg-rose-50 text-rose-700 ring-rose-600/20 dark:bg-rose-500/10 dark:text-rose-400 dark:ring-rose-500/30",
    dot: "bg-rose-500",
  },
  overlapping: {
    label: "Overlapping",
    tone: "bg-orange-50 text-orange-700 ring-orange-600/20 dark:bg-orange-500/10 dark:text-orange-400 dark:ring-orange-500/30",
    dot: "bg-orange-500",
  },
  unversioned: {
    label: "Unversioned",
    tone: "bg-violet-50 text-violet-700 ring-violet-600/20 dark:bg-violet-500/10 dark:text-violet-300 dark:ring-violet-500/30",
    dot: "bg-violet-500",
  },
  empty: {
    label: "Empty",
    tone: "bg-zinc-100 text-zinc-600 ring-zinc-500/20 dark:bg-zinc-500/10 dark:text-zinc-400 dark:ring-zinc-500/30",
    dot: "bg-zinc-400",
  },
  unreachable: {
    label: "Unreachable",
    tone: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-500/10 dark:text-red-400 dark:ring-red-500/30",
    dot: "bg-red-500",
  },
};

export function statusLabel(status: EnvironmentStatusKind, pendingCount: number): string {
  return status === "behind" ? `Behind ${pendingCount}` : statusStyle[status].label;
}
