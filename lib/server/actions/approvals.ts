import "server-only";
import { loadConfig, type EnvironmentConfig } from "../config";
import { MetaUnavailableError } from "../meta/pool";
import { claimApproval, findApproval, finishApproval, holdLease, listApprovals, type StoredApproval } from "./approvals-store";
import { loadEnvironmentContext } from "./context";
import { confirmationRefusal, forbidden, guardFor, readonlyRefusal, type Actor } from "./protection";
import { refuse } from "./refusals";
import { runApproved } from "./run-action";
import type { ActionFailure, ActionOutcome, ActionResult, ApprovalView } from "./views";

// The second half of `approval` protection: a different admin approves, and the approval runs
// the action, re-planned from the rows the requester saw and checked against them under the
// lock. While it runs, this server holds the approval's lease (see meta/approval-leases.ts).

const ID = /^([a-z0-9][a-z0-9_-]{0,62}):(\d{1,18})$/i;

export function parseApprovalId(id: string): { env: string; number: string } | null {
  const match = ID.exec(id);
  return match ? { env: match[1]!, number: match[2]! } : null;
}

export const stripDigest = ({ planDigest: _digest, ...view }: StoredApproval): ApprovalView => view;

export function unavailableStore(env: string): ActionFailure {
  return { ok: false, code: "approval:unavailable", message: `Approval requests for ${env} cannot be read: Retort's metadata database is unavailable. Nothing was run.` };
}

/**
 * Approving runs the action, so it is confirmed twice: the approver opens the review, then types
 * the environment's name. A post without the typed name (a forged or replayed form) is refused.
 */
export async function approveRequest({ actor, id, confirmation }: { actor: Actor | null; id: string; confirmation?: string }): Promise<ActionResult<ActionOutcome>> {
  const parsed = parseApprovalId(id);
  if (!parsed) return { ok: false, code: "invalid:input", message: "Unknown approval request." };
  const loaded = await loadEnvironmentContext({ env: parsed.env });
  if (!loaded.ok) return loaded;
  const { context } = loaded;
  const attempt = { environment: context.env, actor: actor?.name ?? "anonymous", action: "approve" as const, target: `request ${id}` };
  const denied = forbidden(actor, "approve");
  if (denied) return refuse(denied, attempt);
  const unconfirmed = confirmationRefusal(context.env.name, "type-name", confirmation);
  if (unconfirmed) return refuse(unconfirmed, attempt);
  const pending = await findApproval(context.env, parsed.number).catch(() => null);
  if (pending && guardFor(context.env.protection, pending.request.kind) === "refused") {
    return refuse(readonlyRefusal(context.env.name, pending.request.kind), attempt);
  }
  const claimed = await claimApproval(context.env, parsed.number, actor!.name).catch(() => null);
  if (!claimed) return refuse(await whyNotClaimed(context.env, parsed.number, actor!.name), attempt);
  const release = holdLease(context.env, parsed.number);
  try {
    const result = await runApproved(context, claimed.request, {
      expectedRows: claimed.expectedRows,
      actor: `${actor!.name} (approving ${claimed.requestedBy}'s request #${parsed.number})`,
      planDigest: claimed.planDigest,
    });
    await settle(context.env, parsed.number, result, actor!.name);
    return result;
  } finally {
    release();
  }
}

async function whyNotClaimed(env: EnvironmentConfig, number: string, approver: string): Promise<ActionFailure> {
  let found: StoredApproval | null;
  try {
    found = await findApproval(env, number);
  } catch (error) {
    if (error instanceof MetaUnavailableError) return unavailableStore(env.name);
    throw error;
  }
  if (!found) return { ok: false, code: "approval:not-found", message: `No approval request #${number} in ${env.name}.` };
  if (found.status === "interrupted") {
    return { ok: false, code: "approval:interrupted", message: `Request #${number} was interrupted while running; retry it (it is re-planned from the rows as they are now) or close it.` };
  }
  if (found.status !== "pending") {
    return { ok: false, code: "approval:decided", message: `Request #${number} is already ${found.status}${found.decidedBy ? ` (by ${found.decidedBy})` : ""}.` };
  }
  if (found.requestedBy === approver) {
    return { ok: false, code: "approval:self", message: "You asked for this action; a different admin must approve it. Nothing was run." };
  }
  return { ok: false, code: "approval:unavailable", message: `Request #${number} could not be claimed; try again.` };
}

/** A lock is transient: the request goes back to pending. Anything else decides it. */
async function settle(env: EnvironmentConfig, number: string, result: ActionResult<ActionOutcome>, actor: string): Promise<void> {
  const change = result.ok
    ? { status: "applied" as const, message: null }
    : result.code.startsWith("locked:")
      ? { status: "pending" as const, message: result.message }
      : { status: "failed" as const, message: `${result.code}: ${result.message}` };
  await finishApproval(env, number, { ...change, actor }).catch(() => undefined);
}

export async function rejectRequest({ actor, id, reason }: { actor: Actor | null; id: string; reason?: string }): Promise<ActionResult<ApprovalView>> {
  const parsed = parseApprovalId(id);
  if (!parsed) return { ok: false, code: "invalid:input", message: "Unknown approval request." };
  const loaded = await loadEnvironmentContext({ env: parsed.env });
  if (!loaded.ok) return loaded;
  const env = loaded.context.env;
  const found = await findApproval(env, parsed.number).catch(() => null);
  if (!found) return { ok: false, code: "approval:not-found", message: `No approval request #${parsed.number} in ${env.name}.` };
  // The requester may withdraw; anyone else needs the right to approve.
  const denied = found.requestedBy === actor?.name ? null : forbidden(actor, "approve");
  if (denied) return refuse(denied, { environment: env, actor: actor?.name ?? "anonymous", action: "approve", target: `reject ${id}` });
  const message = reason?.trim().slice(0, 500) || null;
  const rejected = found.status === "pending" && (await finishApproval(env, parsed.number, { status: "rejected", message, decidedBy: actor!.name, from: ["pending"] }));
  if (!rejected) return { ok: false, code: "approval:decided", message: `Request #${parsed.number} is already ${found.status === "pending" ? "being decided" : found.status}.` };
  return { ok: true, data: { ...stripDigest(found), status: "rejected", decidedBy: actor!.name, message } };
}

export interface ApprovalListing {
  approvals: ApprovalView[];
  /** Environments whose requests could not be read. */
  unreadable: string[];
}

/** Requests in every environment guarded by approval (pending and interrupted first). */
export async function listApprovalRequests({ actor }: { actor: Actor | null }): Promise<ActionResult<ApprovalListing>> {
  if (!actor) return { ok: false, code: "unauthorized", message: "Sign in to continue." };
  const config = loadConfig();
  if (!config.ok) return { ok: true, data: { approvals: [], unreadable: [] } };
  const envs = config.config.environments.filter((e) => e.protection === "approval");
  const lists = await Promise.all(envs.map((env) => listApprovals(env).catch(() => null)));
  return {
    ok: true,
    data: {
      approvals: lists.flatMap((list) => (list ?? []).map(stripDigest)).sort((a, b) => b.requestedAt.localeCompare(a.requestedAt)),
      unreadable: envs.filter((_e, i) => lists[i] === null).map((e) => e.name),
    },
  };
}
