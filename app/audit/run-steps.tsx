import Link from "next/link";
import { Chip, type ChipTone } from "@/components/ui/chip";
import type { AuditRow } from "@/lib/server/audit-query";

// A run's steps inside its row: a disclosure with one line per step (status, revision linked to
// its page, message, time, error), so an 11-step upgrade is one row an auditor can open.

const STEP_TONES: Record<string, ChipTone> = { applied: "teal", rehearsed: "teal", failed: "red", interrupted: "red", "not-run": "neutral", "rolled-back": "amber" };

export function revisionHref(project: string | null, revision: string): string | null {
  return project ? `/projects/${encodeURIComponent(project)}/revisions/${encodeURIComponent(revision)}` : null;
}

export function RevisionLink({ project, revision }: { project: string | null; revision: string }) {
  const href = revisionHref(project, revision);
  const text = <code className="break-all font-mono text-xs">{revision}</code>;
  return href ? <Link href={href} className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">{text}</Link> : text;
}

export function RunSteps({ entry }: { entry: AuditRow }) {
  if (entry.merge) {
    return (
      <div className="text-xs" data-testid="audit-merge">
        <p>Merged <RevisionLink project={entry.project} revision={entry.target} /> of {entry.merge.parents.map((p, i) => <span key={p}>{i > 0 && " + "}<RevisionLink project={entry.project} revision={p} /></span>)}</p>
        <p className="mt-1 break-all font-mono text-zinc-600 dark:text-zinc-400">{entry.merge.path}</p>
        {entry.merge.message && <p className="mt-1">{entry.merge.message}</p>}
      </div>
    );
  }
  const steps = entry.steps.filter((s) => s.revision !== null);
  if (steps.length === 0) return <span className="text-zinc-600 dark:text-zinc-400">{entry.steps.length > 0 ? "version rows only" : "—"}</span>;
  return (
    <details data-testid="audit-steps">
      <summary className="cursor-pointer whitespace-nowrap text-xs text-sky-800 dark:text-sky-300">{steps.length} step{steps.length === 1 ? "" : "s"}</summary>
      <ol className="mt-2 space-y-1.5">
        {steps.map((step, i) => (
          <li key={`${step.revision}-${i}`} className="text-xs" data-testid="audit-step" data-revision={step.revision!}>
            <div className="flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
              <Chip tone={STEP_TONES[step.status] ?? "neutral"}>{step.status}</Chip>
              <span className="text-zinc-600 dark:text-zinc-400">{step.direction === "down" ? "down" : "up"}</span>
              <RevisionLink project={entry.project} revision={step.revision!} />
              <span className="tabular-nums text-zinc-600 dark:text-zinc-400">{step.durationMs} ms</span>
            </div>
            {step.message && <p className="mt-0.5" data-testid="audit-step-message">{step.message}</p>}
            {step.error && <p className="mt-0.5 text-rose-700 dark:text-rose-300">{step.error.code}: {step.error.message}{step.error.line ? ` (line ${step.error.line})` : ""}</p>}
          </li>
        ))}
      </ol>
    </details>
  );
}
