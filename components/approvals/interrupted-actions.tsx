"use client";

import { useActionState } from "react";
import { closeApprovalAction, retryApprovalAction } from "@/lib/server/forms/approval-actions";
import { Button, Failure } from "@/components/actions/dialog";

// An approval whose run was interrupted (its server died mid-run): an admin retries it (planned
// again from the rows as they are now, then approved afresh) or closes it.
export function InterruptedActions({ id, canApprove }: { id: string; canApprove: boolean }) {
  const [retried, retry, retrying] = useActionState(retryApprovalAction, null);
  const [closed, close, closing] = useActionState(closeApprovalAction, null);
  const failure = (retried && !retried.ok && retried) || (closed && !closed.ok && closed) || null;
  const done = retried?.ok || closed?.ok;
  if (!canApprove) return <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">An admin can retry or close this request.</p>;
  return (
    <div className="mt-3 space-y-2" data-testid="interrupted-actions">
      {!done && (
        <div className="flex flex-wrap items-center gap-2">
          <form action={retry}>
            <input type="hidden" name="id" value={id} />
            <Button type="submit" tone="primary" disabled={retrying} data-testid="retry-approval">{retrying ? "Re-planning…" : "Retry from the rows now"}</Button>
          </form>
          <form action={close}>
            <input type="hidden" name="id" value={id} />
            <Button type="submit" disabled={closing} data-testid="close-approval">{closing ? "Closing…" : "Close"}</Button>
          </form>
        </div>
      )}
      {retried?.ok && <p role="status" className="text-sm text-zinc-600 dark:text-zinc-300" data-testid="retried">Re-planned: {retried.data.steps.join(" ") || "no steps left"}. It now waits for approval again.</p>}
      {closed?.ok && <p role="status" className="text-sm text-zinc-600 dark:text-zinc-300" data-testid="closed">Closed.</p>}
      {failure && <Failure code={failure.code} message={failure.message} />}
    </div>
  );
}
