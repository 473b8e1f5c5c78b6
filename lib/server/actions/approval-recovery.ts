import "server-only";
import { findApproval, finishApproval, replanApproval } from "./approvals-store";
import { parseApprovalId, stripDigest, unavailableStore } from "./approvals";
import { loadEnvironmentContext, readRows } from "./context";
import { approvalStepsOf } from "./approval-steps";
import { planAction, planDigest } from "./plan";
import { forbidden, type Actor } from "./protection";
import { refuse } from "./refusals";
import type { ActionResult, ApprovalView } from "./views";

// What an admin can do with an approval whose run was interrupted (its server died mid-run):
// retry it, which plans it again from the version rows as they are now (part of the run may
// have committed) and puts it back to pending, so a different admin than the requester
// confirms the new plan; or close it, leaving the database as it is.

async function interrupted(actor: Actor | null, id: string, verb: string) {
  const parsed = parseApprovalId(id);
  if (!parsed) return { ok: false as const, code: "invalid:input", message: "Unknown approval request." };
  const loaded = await loadEnvironmentContext({ env: parsed.env });
  if (!loaded.ok) return loaded;
  const { context } = loaded;
  const denied = forbidden(actor, "approve");
  if (denied) return refuse(denied, { environment: context.env, actor: actor?.name ?? "anonymous", action: "approve", target: `${verb} ${id}` });
  const found = await findApproval(context.env, parsed.number).catch(() => undefined);
  if (found === undefined) return unavailableStore(context.env.name);
  if (!found) return { ok: false as const, code: "approval:not-found", message: `No approval request #${parsed.number} in ${context.env.name}.` };
  if (found.status !== "interrupted") {
    return { ok: false as const, code: "approval:not-interrupted", message: `Request #${parsed.number} is ${found.status}; only an interrupted request can be ${verb === "retry" ? "retried" : "closed"}.` };
  }
  return { ok: true as const, context, found, number: parsed.number, actor: actor! };
}

export async function retryRequest({ actor, id }: { actor: Actor | null; id: string }): Promise<ActionResult<ApprovalView>> {
  const checked = await interrupted(actor, id, "retry");
  if (!checked.ok) return checked;
  const { context, found, number } = checked;
  const rows = await readRows(context);
  if (!rows.ok) return rows;
  const planned = planAction(context, found.request, rows.rows);
  if (!planned.ok) return planned;
  const plan = planned.planned;
  const message = `Retried by ${checked.actor.name} after the interrupted run, re-planned from the rows now in ${context.env.name} (${rows.rows.join(", ") || "none"}). Approve to run the new plan.`;
  const replanned = await replanApproval(context.env, number, {
    expectedRows: rows.rows, plannedRows: plan.plan.after, ...approvalStepsOf(context, plan), planDigest: planDigest(plan), actor: checked.actor.name, message,
  });
  if (!replanned) return { ok: false, code: "approval:decided", message: `Request #${number} changed meanwhile; reload the page.` };
  return { ok: true, data: stripDigest(replanned) };
}

export async function closeRequest({ actor, id, reason }: { actor: Actor | null; id: string; reason?: string }): Promise<ActionResult<ApprovalView>> {
  const checked = await interrupted(actor, id, "close");
  if (!checked.ok) return checked;
  const { context, found, number } = checked;
  const message = reason?.trim().slice(0, 500) || `Closed by ${checked.actor.name} after the interrupted run; the database was left as the run left it.`;
  const closed = await finishApproval(context.env, number, { status: "closed", message, decidedBy: checked.actor.name, from: ["interrupted"] });
  if (!closed) return { ok: false, code: "approval:decided", message: `Request #${number} changed meanwhile; reload the page.` };
  return { ok: true, data: { ...stripDigest(found), status: "closed", decidedBy: checked.actor.name, message } };
}
