import Link from "next/link";
import type { DriftPageView, DriftSummary } from "@/lib/core/view/drift-view-types";

// One line about an environment's schema: "Schema matches revision X", "3 differences",
// "Not compared: why". The card shows the last result; the environment page computes it.

const TONES = {
  matches: "text-emerald-700 dark:text-emerald-400",
  differs: "text-amber-800 dark:text-amber-300",
  baseline: "text-amber-800 dark:text-amber-300",
  "not-compared": "text-zinc-600 dark:text-zinc-400",
} as const;

export function summaryText(summary: DriftSummary): string {
  switch (summary.state) {
    case "matches":
      return summary.revisions.length ? `Schema matches revision ${short(summary.revisions)}` : "Empty schema, as at base";
    case "differs": {
      const parts = [summary.differences ? plural(summary.differences, "difference") : null, summary.checksums ? `${plural(summary.checksums, "file")} changed after apply` : null];
      return `${parts.filter(Boolean).join(", ")} from revision ${short(summary.revisions)}`;
    }
    case "baseline": {
      const state = summary.reason === "no-version-table" ? "Unversioned" : "Version rows not in the directory";
      return summary.best ? `${state}; closest revision ${short([summary.best.revision])} (${plural(summary.best.differences, "difference")})` : `${state}; no revision is close`;
    }
    case "not-compared":
      return `Not compared: ${summary.why}`;
  }
}

/** `pending`: a comparison is running; the last result (if any) shows meanwhile. */
export function DriftSummaryLine({ env, summary, pending = false }: { env: string; summary: DriftSummary | null; pending?: boolean }) {
  const href = `/environments/${encodeURIComponent(env)}/drift`;
  return (
    <p className="flex flex-wrap items-baseline gap-x-2 text-xs" data-testid="drift-summary" data-state={summary?.state ?? "unknown"} data-pending={pending}>
      <span className="text-zinc-600 dark:text-zinc-400">Schema</span>
      {summary ? <span className={`min-w-0 break-words ${TONES[summary.state]}`}>{summaryText(summary)}</span> : <span className="text-zinc-600 dark:text-zinc-400">{pending ? "comparing…" : "not checked yet"}</span>}
      <Link href={href} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400" data-testid="drift-link">
        {summary ? "Details" : "Check drift"}
        <span className="sr-only"> of {env}&apos;s schema</span>
      </Link>
    </p>
  );
}

/** The environment page's line: streams in once the comparison is done. */
export async function DriftStatus({ env, view }: { env: string; view: Promise<DriftPageView | null> }) {
  const done = await view;
  return <DriftSummaryLine env={env} summary={done?.summary ?? null} />;
}

function short(revisions: string[]): string {
  return revisions.map((r) => (r.length > 12 ? `${r.slice(0, 12)}…` : r)).join(", ");
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
