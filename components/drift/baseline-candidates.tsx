import type { ActionPanelView } from "@/lib/server/forms/environment-actions";
import type { DriftPageView } from "@/lib/core/view/drift-view-types";
import { DifferenceGroups } from "./difference-groups";
import { StampAt } from "./stamp-at";

type Baseline = NonNullable<DriftPageView["baseline"]>;

/** The revisions whose expected schema is closest to the live one, best first, each stampable. */
export function BaselineCandidates({ baseline, panel, purge }: { baseline: Baseline; panel: ActionPanelView | null; purge: boolean }) {
  return (
    <section aria-labelledby="baseline-title" className="space-y-3" data-testid="baseline">
      <h2 id="baseline-title" className="text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">Baseline</h2>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        {baseline.why} Retort replayed the migrations and compared each revision&apos;s schema with this database&apos;s; the closest come first.
      </p>
      {baseline.failure && <p className="text-sm text-amber-800 dark:text-amber-300">The search stopped early: {baseline.failure}</p>}
      {baseline.candidates.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No revision&apos;s schema resembles this database.</p>
      ) : (
        <ol className="space-y-2">
          {baseline.candidates.map((candidate, index) => (
            <li key={candidate.revision} className="rounded-lg border border-zinc-200 bg-white px-3 py-3 dark:border-zinc-800 dark:bg-zinc-900" data-testid="baseline-candidate" data-revision={candidate.revision} data-differences={candidate.differences}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="min-w-0 text-sm">
                  <code className="break-all font-mono font-medium">{candidate.rows.join(" ")}</code>
                  <span className="ml-2 text-zinc-600 dark:text-zinc-400">
                    {candidate.differences === 0 ? "exact match" : `${candidate.differences} difference${candidate.differences === 1 ? "" : "s"}`}
                    {index === 0 ? " · best" : ""}
                  </span>
                </div>
                <StampAt view={panel} rows={candidate.rows} purge={purge} best={index === 0} />
              </div>
              {candidate.differences > 0 && (
                <details className="mt-2">
                  <summary className="cursor-pointer text-xs text-sky-700 dark:text-sky-400">Show the differences</summary>
                  <div className="mt-2">
                    <DifferenceGroups groups={candidate.groups} testId="candidate-differences" />
                  </div>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
