"use client";

import Link from "next/link";
import type { ActionOutcome, ActionResult, StepOutcome } from "@/lib/server/forms/environment-actions";
import { Chip, type ChipTone } from "@/components/ui/chip";
import { Button, Failure, Rows } from "./dialog";

const TONES: Record<StepOutcome["status"], ChipTone> = { applied: "teal", rehearsed: "blue", failed: "red", "not-run": "neutral", "rolled-back": "amber" };
const STATUS_TEXT: Record<StepOutcome["status"], string> = { applied: "applied", rehearsed: "rehearsed", failed: "failed", "not-run": "not run", "rolled-back": "rolled back" };

/** What happened: each step's status, the rows before and after, and where the database stands. */
export function ResultView({ result, env, onRestart, onClose }: { result: ActionResult<ActionOutcome>; env: string; onRestart: () => void; onClose: () => void }) {
  const outcome = result.ok ? result.data : result.outcome;
  const approval = outcome?.approval;
  return (
    <div className="space-y-4" data-testid="action-result" data-ok={String(result.ok)} data-code={result.ok ? "ok" : result.code}>
      {result.ok ? (
        <Success outcome={result.data} />
      ) : (
        <>
          <Failure code={result.code} message={result.message} />
          {outcome?.request.kind === "rehearse" && (
            <p className="text-sm font-medium" data-testid="result-summary">The rehearsal was rolled back: nothing changed in {env}.</p>
          )}
        </>
      )}
      {approval && (
        <p className="text-sm" data-testid="approval-created" data-approval-id={approval.id}>
          Request <span className="font-mono">#{approval.id.split(":")[1]}</span> is waiting for another admin on the{" "}
          <Link href="/approvals" className="text-sky-700 hover:underline dark:text-sky-400">approvals page</Link>.
        </p>
      )}
      {outcome && !approval && <OutcomeDetails outcome={outcome} />}
      <div className="flex flex-wrap gap-2">
        {!result.ok && <Button tone="primary" onClick={onRestart} data-testid="preview-again">Preview again</Button>}
        <Button onClick={onClose} data-testid="result-close">Close</Button>
        <span className="self-center text-xs text-zinc-600 dark:text-zinc-400">The page behind shows where {env} stands now.</span>
      </div>
    </div>
  );
}

function Success({ outcome }: { outcome: ActionOutcome }) {
  if (outcome.approval) return <p className="text-sm font-medium text-sky-800 dark:text-sky-300" data-testid="result-summary">Approval requested. Nothing has run yet.</p>;
  const text =
    outcome.request.kind === "rehearse"
      ? "Rehearsal passed: every step ran and was rolled back. Nothing changed."
      : `Done. ${outcome.matchesPlan ? "The version table matches the plan." : "The version table does NOT match the plan: check it."}`;
  return <p className="text-sm font-medium text-teal-800 dark:text-teal-300" data-testid="result-summary">{text}</p>;
}

function OutcomeDetails({ outcome }: { outcome: ActionOutcome }) {
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <Rows label="Version rows before" rows={outcome.rowsBefore} testId="result-rows-before" />
        <Rows label={outcome.request.kind === "rehearse" ? "Version rows now (unchanged)" : "Version rows now"} rows={outcome.rowsAfter} testId="result-rows-after" />
      </div>
      {outcome.rehearsedRows && <Rows label="Rows inside the rehearsal, before its rollback" rows={outcome.rehearsedRows} testId="result-rows-rehearsed" />}
      {outcome.steps.length > 0 && (
        <ol className="space-y-1" data-testid="result-steps">
          {outcome.steps.map((step, i) => (
            <li key={`${step.revision}-${i}`} className="rounded-lg border border-zinc-200 px-3 py-1.5 text-sm dark:border-zinc-800" data-testid={`result-step-${step.revision}`} data-status={step.status}>
              <div className="flex items-center gap-2">
                <code className="font-mono text-xs">{step.revision.slice(0, 12)}</code>
                <Chip tone={TONES[step.status]}>{STATUS_TEXT[step.status]}</Chip>
                {step.durationMs > 0 && <span className="text-xs text-zinc-600 dark:text-zinc-400">{step.durationMs} ms</span>}
              </div>
              {step.error && <StepError error={step.error} />}
            </li>
          ))}
        </ol>
      )}
      {outcome.output !== undefined && outcome.output !== "" && (
        <details open={!outcome.matchesPlan}>
          <summary className="cursor-pointer text-sm font-medium">Alembic output</summary>
          <pre className="mt-2 max-h-72 overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs text-zinc-100" data-testid="alembic-output">{outcome.output}</pre>
        </details>
      )}
    </>
  );
}

/** A failed step's error, with the statement and its line when the executor could tell them. */
function StepError({ error }: { error: NonNullable<StepOutcome["error"]> }) {
  return (
    <div className="mt-1 space-y-1" data-testid="step-error">
      <p className="text-xs text-rose-700 dark:text-rose-400">
        {error.message} <span className="font-mono">[{error.code}]</span>
      </p>
      {error.statement && (
        <div className="text-xs" data-testid="step-error-statement" data-line={error.line ?? ""}>
          <p className="text-zinc-700 dark:text-zinc-300">{error.line ? `The statement at line ${error.line} of the step:` : "The statement that failed:"}</p>
          <pre className="mt-0.5 max-h-40 overflow-auto whitespace-pre-wrap break-words rounded bg-zinc-100 px-2 py-1 font-mono text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100">{error.statement}</pre>
        </div>
      )}
    </div>
  );
}
