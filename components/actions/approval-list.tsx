"use client";

import { useActionState } from "react";
import { approveAction, rejectAction, type ApprovalView } from "@/app/environments/[env]/actions";
import { InterruptedActions } from "@/components/approvals/interrupted-actions";
import { Chip, type ChipTone } from "@/components/ui/chip";
import { Button, Failure, Rows } from "./dialog";
import { ResultView } from "./result-view";

const TONES: Record<ApprovalView["status"], ChipTone> = { pending: "amber", running: "blue", applied: "teal", failed: "red", rejected: "neutral", interrupted: "red", closed: "neutral" };

/** Approval requests; a pending one offers approve and reject to admins other than its requester. */
export function ApprovalList({ approvals, user }: { approvals: ApprovalView[]; user: { name: string; canApprove: boolean } }) {
  if (approvals.length === 0) {
    return <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400" data-testid="no-approvals">No approval requests.</p>;
  }
  return (
    <ul className="space-y-3" data-testid="approval-list">
      {approvals.map((approval) => (
        <li key={approval.id}>
          <ApprovalItem approval={approval} user={user} />
        </li>
      ))}
    </ul>
  );
}

function describe(approval: ApprovalView): string {
  const { request } = approval;
  return request.kind === "stamp" ? `stamp ${request.purge ? "--purge " : ""}${request.targets.join(" ")}` : `${request.kind} ${request.target}`;
}

function ApprovalItem({ approval, user }: { approval: ApprovalView; user: { name: string; canApprove: boolean } }) {
  const [result, approve, approving] = useActionState(approveAction, null);
  const [rejected, reject, rejecting] = useActionState(rejectAction, null);
  const own = approval.requestedBy === user.name;
  const actionable = approval.status === "pending" && !result && !rejected?.ok;
  return (
    <article className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900" data-testid={`approval-${approval.id}`} data-status={approval.status}>
      <header className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{approval.env}</span>
        <code className="font-mono text-sm">{describe(approval)}</code>
        <Chip tone={TONES[approval.status]}>{approval.status}</Chip>
        <span className="ml-auto text-xs text-zinc-600 dark:text-zinc-400">#{approval.id.split(":")[1]} by {approval.requestedBy}, {new Date(approval.requestedAt).toLocaleString()}</span>
      </header>
      <div className="mt-3 grid gap-3 sm:grid-cols-3">
        <Rows label="Rows when requested" rows={approval.expectedRows} testId="approval-rows-before" />
        <Rows label="Rows after" rows={approval.plannedRows} testId="approval-rows-after" />
        <div>
          <div className="text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400">Steps</div>
          <p className="mt-1 font-mono text-xs">{approval.steps.length ? approval.steps.map((s) => s.slice(0, 13)).join(" ") : "(version rows only)"}</p>
        </div>
      </div>
      {approval.decidedBy && <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">Decided by {approval.decidedBy}{approval.message ? `: ${approval.message}` : ""}</p>}
      {!approval.decidedBy && approval.message && <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid="approval-note">{approval.message}</p>}
      {actionable && (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          {user.canApprove && !own && (
            <form action={approve}>
              <input type="hidden" name="id" value={approval.id} />
              <Button type="submit" tone="primary" disabled={approving} data-testid="approve">{approving ? "Running…" : "Approve and run"}</Button>
            </form>
          )}
          {(user.canApprove || own) && (
            <form action={reject}>
              <input type="hidden" name="id" value={approval.id} />
              <Button type="submit" disabled={rejecting} data-testid="reject">{own ? "Withdraw" : "Reject"}</Button>
            </form>
          )}
          {own && <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="own-request">You asked for this; a different admin must approve it.</span>}
        </div>
      )}
      {approval.status === "interrupted" && <InterruptedActions id={approval.id} canApprove={user.canApprove} />}
      {rejected && !rejected.ok && <Failure code={rejected.code} message={rejected.message} />}
      {result && <div className="mt-3"><ResultView result={result} env={approval.env} onRestart={() => location.reload()} onClose={() => location.reload()} /></div>}
    </article>
  );
}
