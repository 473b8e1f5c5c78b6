import Link from "next/link";
import type { EnvironmentView, PendingStepView } from "@/lib/core/view/view-types";
import { SourceViewer } from "@/components/source/source-viewer";
import { Chip } from "@/components/ui/chip";

const NOTHING_PENDING: Partial<Record<EnvironmentView["status"], string>> = {
  current: "Nothing to apply: the database is at every head.",
  unversioned: "Nothing is listed until the database is stamped: from base, every step would collide with the tables already there.",
  "unknown-revision": "No upgrade can be planned from a revision the directory does not have; see above.",
  unreachable: "The database could not be read, so nothing can be planned.",
};

/** What `upgrade heads` would run now, in order, each step collapsible with its SQL. */
export async function PendingSteps({ env, steps }: { env: EnvironmentView; steps: Promise<PendingStepView[]> }) {
  const list = await steps;
  if (list.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400" data-testid="no-pending">
        {NOTHING_PENDING[env.status] ?? "No upgrade can be planned from the current state."}
      </p>
    );
  }
  return (
    <ol className="space-y-2" data-testid="pending-steps">
      {list.map((step, i) => (
        <li key={`${step.revision}-${i}`}>
          <details className="group overflow-hidden rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" data-testid={`step-${step.revision}`}>
            <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5 text-sm hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
              <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-amber-500 text-xs font-semibold text-white">{i + 1}</span>
              <code className="font-mono text-xs">{step.revision.slice(0, 12)}</code>
              <span className="min-w-0 flex-1 truncate">{step.message}</span>
              {step.direction === "down" && <Chip tone="red">downgrade</Chip>}
              {step.transactional === false && (
                <Chip tone="amber" title="Runs outside a transaction (e.g. CREATE INDEX CONCURRENTLY)">non-transactional</Chip>
              )}
              <svg viewBox="0 0 16 16" className="size-4 shrink-0 text-zinc-600 transition group-open:rotate-90 dark:text-zinc-400" fill="currentColor" aria-hidden>
                <path d="M6 3.5 10.5 8 6 12.5V3.5Z" />
              </svg>
            </summary>
            <div className="space-y-2 border-t border-zinc-100 p-3 dark:border-zinc-800">
              {/* Links live here, not in <summary>: a link inside the toggle is a nested control. */}
              <Link
                href={`/projects/${encodeURIComponent(env.project)}/revisions/${encodeURIComponent(step.revision)}`}
                className="inline-block px-1 text-sm font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400"
                data-testid="step-revision-link"
              >
                Revision {step.revision.slice(0, 12)} →
              </Link>
              {step.sql !== undefined ? (
                <SourceViewer source={step.sql || "-- (no statements)"} language="sql" testId="step-sql" />
              ) : (
                <p className="px-1 text-sm text-zinc-600 dark:text-zinc-400">A Python migration: Retort runs it through the configured <code className="font-mono">alembic</code> command.</p>
              )}
            </div>
          </details>
        </li>
      ))}
    </ol>
  );
}
