import type { ApprovalView } from "@/lib/server/forms/environment-actions";

// Each step of a request as its requester previewed it: direction, id, message, and the SQL it
// runs (native SQL projects) behind a disclosure, so an approver reads what will run.
export function ApprovalSteps({ approval }: { approval: ApprovalView }) {
  if (approval.steps.length === 0) return <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">(version rows only: no migration runs)</p>;
  const details = new Map(approval.stepDetails.map((d) => [`${d.direction === "up" ? "+" : "-"}${d.revision}`, d]));
  return (
    <ol className="mt-1 space-y-1.5" data-testid="approval-steps">
      {approval.steps.map((step, i) => {
        const detail = details.get(step);
        return (
          <li key={`${step}-${i}`} className="text-sm" data-testid="approval-step" data-revision={step.slice(1)}>
            <div className="flex flex-wrap items-baseline gap-x-2">
              <span className="text-xs tabular-nums text-zinc-600 dark:text-zinc-400">{i + 1}.</span>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">{step.startsWith("+") ? "upgrade" : "downgrade"}</span>
              <code className="break-all font-mono text-xs">{step.slice(1)}</code>
              <span data-testid="approval-step-message">{detail?.message || "(no message)"}</span>
            </div>
            {detail?.sql !== undefined && (
              <details className="ml-5 mt-1">
                <summary className="cursor-pointer text-xs text-sky-800 dark:text-sky-300">SQL</summary>
                <pre className="mt-1 max-h-64 overflow-auto rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-950" data-testid="approval-step-sql">{detail.sql}</pre>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
