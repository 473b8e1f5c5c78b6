"use client";

import { useActionState } from "react";
import { approveAction, rejectAction, type ApprovalView } from "@/lib/server/forms/environment-actions";
import Link from "next/link";
import { ApprovalSteps } from "@/components/approvals/approval-steps";
import { ApproveForm } from "@/components/approvals/approve-form";
import { InterruptedActions } from "@/components/approvals/interrupted-actions";
import { Timestamp } from "@/components/audit/timestamp";
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
        <Link href={`/environments/${encodeURIComponent(approval.env)}`} className="font-medium underline-offset-2 hover:underline">{approval.env}</Link>
        <code className="break-all font-mono text-sm">{describe(approval)}</code>
        <Chip tone={TONES[approval.status]}>{approval.status}</Chip>
        <span className="text-xs text-zinc-600 sm:ml-auto dark:text-zinc-400">
          #{approval.id.split(":")[1]} by {approval.requestedBy}, <Timestamp iso={approval.requestedAt} />
        </span>
      </header>
      <div className="mt-2 text-sm" data-testid="approval-reason-text">
        <span className="text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400">Reason </span>
        {approval.reason ? <span className="whitespace-pre-wrap break-words">{approval.reason}</span> : <span className="text-zinc-600 dark:text-zinc-400">(none given)</span>}
      </div>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <Rows label="Rows when requested" rows={approval.expectedRows} testId="approval-rows-before" />
        <Rows label="Rows after" rows={approval.plannedRows} testId="approval-rows-after" />
      </div>
      <div className="mt-3">
        <div className="text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400">Steps</div>
        <ApprovalSteps approval={approval} />
      </div>
      {approval.decidedBy && (
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          Decided by {approval.decidedBy}{approval.decidedAt && <>, <Timestamp iso={approval.decidedAt} /></>}{approval.message ? `: ${approval.message}` : ""}
        </p>
      )}
      {!approval.decidedBy && approval.message && <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid="approval-note">{approval.message}</p>}
      {actionable && (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          {user.canApprove && !own && <ApproveForm id={approval.id} env={approval.env} approve={approve} approving={approving} />}
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
