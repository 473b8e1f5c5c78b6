import type { ActionPanelView } from "@/lib/server/forms/environment-actions";
import type { DriftPageView } from "@/lib/core/view/drift-view-types";
import { BaselineCandidates } from "./baseline-candidates";
import { DifferenceGroups } from "./difference-groups";
import { summaryText } from "./drift-summary";

/** The drift page's body, once the comparison is done (it streams behind Suspense). */
export async function DriftDetails({ view, panel }: { view: Promise<DriftPageView | null>; panel: Promise<ActionPanelView | null> }) {
  const [drift, actions] = await Promise.all([view, panel]);
  if (!drift) return null;
  const { summary } = drift;
  return (
    <div className="space-y-6" data-testid="drift-details" data-state={summary.state}>
      <p className="text-base font-medium" data-testid="drift-headline">{summaryText(summary)}</p>
      {summary.state === "not-compared" && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Retort compares a database with the schema its migrations produce in a scratch database of the same kind; see the README&apos;s &quot;Schema drift&quot; section for what that needs.</p>
      )}
      {drift.groups.length > 0 && (
        <section aria-labelledby="differences-title" className="space-y-3">
          <h2 id="differences-title" className="text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">Differences, by table</h2>
          <DifferenceGroups groups={drift.groups} />
        </section>
      )}
      {drift.checksums.length > 0 && (
        <section aria-labelledby="checksums-title" className="space-y-2" data-testid="drift-checksums">
          <h2 id="checksums-title" className="text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">Revision files</h2>
          <ul className="space-y-1 text-sm">
            {drift.checksums.map((c) => (
              <li key={c.revision} data-testid="drift-checksum" data-state={c.state}>
                <code className="font-mono">{c.revision}</code>{" "}
                {c.state === "edited" ? <>: <code className="font-mono">{c.path}</code> was edited after it was applied</> : <>: applied, but its file{c.path ? <> <code className="font-mono">{c.path}</code></> : null} is gone</>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {drift.baseline && <BaselineCandidates baseline={drift.baseline} panel={actions} purge={summary.state === "baseline" && summary.reason === "unknown-rows"} />}
      {drift.unmodelled.length > 0 && (
        <section aria-labelledby="unmodelled-title" className="space-y-2" data-testid="drift-unmodelled">
          <h2 id="unmodelled-title" className="text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">Not compared</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Retort does not model these objects, so it lists them instead of comparing them.</p>
          <ul className="space-y-1 text-sm">
            {drift.unmodelled.map((u) => (
              <li key={`${u.kind}:${u.table ?? ""}:${u.name}`}>
                {u.kind} <code className="font-mono">{u.name}</code>{u.table ? <> on <code className="font-mono">{u.table}</code></> : null}
                <span className="text-zinc-600 dark:text-zinc-400"> ({u.inActual && u.inExpected ? "in both" : u.inActual ? "in this database only" : "expected only"})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">Compared at {new Date(summary.checkedAt).toISOString().slice(11, 19)} UTC in {drift.durationMs} ms.</p>
    </div>
  );
}
