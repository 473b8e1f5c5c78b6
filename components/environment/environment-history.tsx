import Link from "next/link";
import { Timestamp } from "@/components/audit/timestamp";
import { Chip, type ChipTone } from "@/components/ui/chip";

// What was applied to this environment, when and by whom: its newest runs, each with the
// revisions it changed (linked), and where it stands in the promotion order.

interface HistoryStep {
  revision: string | null;
  direction: string | null;
  status: string;
  message?: string;
}

interface HistoryRun {
  globalId: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  result: string;
  steps: HistoryStep[];
  rowsAfter: string[];
  error: string | null;
}

export interface HistoryView {
  runs: HistoryRun[];
  after: string[];
  promotion: "warn" | "enforce";
  unreadable: string | null;
}

const TONES: Record<string, ChipTone> = { applied: "teal", rehearsed: "teal", failed: "red", interrupted: "red", refused: "amber", running: "blue" };

function Changed({ run, project }: { run: HistoryRun; project: string }) {
  const steps = run.steps.filter((s) => s.revision && (s.status === "applied" || s.status === "failed" || s.status === "rehearsed"));
  if (steps.length === 0) {
    if (run.error) return null;
    return <span className="text-zinc-600 dark:text-zinc-400">{run.action === "stamp" ? `rows now ${run.rowsAfter.join(", ") || "(none)"}` : "—"}</span>;
  }
  return (
    <ul className="space-y-0.5">
      {steps.map((s, i) => (
        <li key={`${s.revision}-${i}`} className="text-xs" data-testid="history-step" data-revision={s.revision!} data-status={s.status}>
          <span className="text-zinc-600 dark:text-zinc-400">{s.status === "applied" ? (s.direction === "down" ? "reverted" : "applied") : s.status} </span>
          <Link href={`/projects/${encodeURIComponent(project)}/revisions/${encodeURIComponent(s.revision!)}`} className="font-mono text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">{s.revision!.slice(0, 12)}</Link>
          {s.message && <span> {s.message}</span>}
        </li>
      ))}
    </ul>
  );
}

export async function EnvironmentHistorySection({ env, project, history }: { env: string; project: string; history: Promise<HistoryView> }) {
  const view = await history;
  return (
    <section aria-labelledby="history-title" className="mt-8" data-testid="environment-history">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="history-title" className="text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">History</h2>
        <Link href={`/audit?environment=${encodeURIComponent(env)}`} className="text-sm text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">All of {env} in the audit log</Link>
      </div>
      {view.after.length > 0 && (
        <p className="mb-3 text-sm" data-testid="promotion-order" data-mode={view.promotion}>
          Promotion order: {[...view.after].reverse().map((name) => <span key={name}><Link href={`/environments/${encodeURIComponent(name)}`} className="underline-offset-2 hover:underline">{name}</Link> → </span>)}
          <strong>{env}</strong>. {view.promotion === "enforce" ? "Upgrades that skip an earlier stage, or failed there last, are refused." : "Upgrades that skip an earlier stage, or failed there last, are warned about."}
        </p>
      )}
      {view.unreadable && <p className="mb-3 text-sm text-amber-800 dark:text-amber-300">{view.unreadable}</p>}
      {view.runs.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400" data-testid="no-history">Retort has run nothing here yet.</p>
      ) : (
        <ol className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {view.runs.map((run) => (
            <li key={run.globalId} className="grid gap-2 px-4 py-3 text-sm sm:grid-cols-[12rem_minmax(0,1fr)]" data-testid="history-run" data-result={run.result} data-action={run.action}>
              <div className="space-y-1">
                <Timestamp iso={run.at} className="block font-mono text-xs text-zinc-600 dark:text-zinc-400" />
                <div className="flex flex-wrap items-center gap-1.5">
                  <span className="font-medium">{run.action}</span>
                  <Chip tone={TONES[run.result] ?? "neutral"}>{run.result}</Chip>
                </div>
                <div className="break-words text-xs text-zinc-600 dark:text-zinc-400" data-testid="history-actor">by {run.actor}</div>
              </div>
              <div className="min-w-0">
                <Changed run={run} project={project} />
                {run.error && <p className="mt-1 break-words text-xs text-rose-700 dark:text-rose-300">{run.error}</p>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
