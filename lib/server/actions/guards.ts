import "server-only";
import type { AuditAction } from "../audit";
import type { EnvironmentConfig } from "../config";
import { dialectFor } from "../db/dialects";
import { resolveAlembicCommand } from "./alembic-command";
import type { EnvironmentContext } from "./context";
import { actionRequestSchema, approvalReasonSchema, expectedRowsSchema, invalidInput } from "./input";
import { executorOf, planAction, planDigest, type PlannedAction } from "./plan";
import { promotionRefusal } from "./promotion";
import { confirmationRefusal, forbidden, guardFor, readonlyRefusal, type Actor } from "./protection";
import type { ActionFailure, ActionRequest, EnvironmentActionKind, Guard } from "./views";

// The named guards of an action, checked in this order before anything runs: role, protection,
// input, rows, confirmation, the reason (approval requests), then the plan (made again from the
// rows the user saw, equal to the one previewed, runnable here, in promotion order where the
// environment enforces it). Decisions only: recording the outcome is run-action.ts's, once.

/** What the audit log says about an attempt, whatever its outcome. */
export interface Attempt {
  environment: EnvironmentConfig;
  actor: string;
  action: AuditAction;
  target: string;
  rowsBefore?: string[];
}

export interface ActionInput {
  actor: Actor | null;
  request: unknown;
  /** The version rows the preview showed. */
  expectedRows: unknown;
  /** The preview's planDigest: refuse if the migration files changed since. */
  planDigest?: string;
  /** The environment's name, typed (protection `confirm`). */
  confirmation?: string;
  /** Protection `approval`: why, shown to the approver (required). */
  reason?: string;
}

export interface CheckedAction {
  actor: Actor;
  guard: Exclude<Guard, "refused">;
  planned: PlannedAction;
  digest: string;
  expectedRows: string[];
  /** Why, for an approval request. */
  reason: string | null;
}

export type GuardVerdict = { ok: true; checked: CheckedAction; attempt: Attempt } | { ok: false; failure: ActionFailure; attempt: Attempt };

const KINDS: EnvironmentActionKind[] = ["upgrade", "downgrade", "stamp", "rehearse"];

export async function checkAction(context: EnvironmentContext, input: ActionInput): Promise<GuardVerdict> {
  const raw = (input.request ?? {}) as { kind?: unknown };
  const action = KINDS.includes(raw.kind as EnvironmentActionKind) ? (raw.kind as EnvironmentActionKind) : "upgrade";
  let attempt: Attempt = { environment: context.env, actor: input.actor?.name ?? "anonymous", action, target: rawTarget(input.request) };
  const refused = (failure: ActionFailure): GuardVerdict => ({ ok: false, failure, attempt });

  const denied = forbidden(input.actor, action);
  if (denied) return refused(denied);
  const guard = guardFor(context.env.protection, action);
  if (guard === "refused") return refused(readonlyRefusal(context.env.name, action));
  const parsed = actionRequestSchema.safeParse(input.request);
  if (!parsed.success) return refused(invalidInput(parsed.error));
  const rows = expectedRowsSchema.safeParse(input.expectedRows);
  if (!rows.success) return refused(invalidInput(rows.error, "The previewed rows are malformed."));
  attempt = { ...attempt, target: targetText(parsed.data), rowsBefore: rows.data };
  const mismatch = confirmationRefusal(context.env.name, guard, input.confirmation);
  if (mismatch) return refused(mismatch);
  const reason = guard === "approval" ? approvalReasonSchema.safeParse(input.reason ?? "") : null;
  if (reason && !reason.success) {
    const problem = reason.error.issues[0]?.message ?? "Say why this is needed.";
    return refused({ ok: false, code: "invalid:input", message: `${problem} Nothing was stored.`, fieldErrors: { reason: [problem] } });
  }
  const plan = await checkPlan(context, parsed.data, rows.data, input.planDigest);
  if (!plan.ok) return refused(plan);
  return { ok: true, attempt, checked: { actor: input.actor!, guard, planned: plan.planned, digest: plan.digest, expectedRows: rows.data, reason: reason?.data ?? null } };
}

/**
 * The plan guards, also the last check of an approval: plan from the rows shown, refuse when the
 * files changed since the preview (another digest), when this server cannot run it, and when it
 * skips a stage of an enforced promotion order.
 */
export async function checkPlan(
  context: EnvironmentContext,
  request: ActionRequest,
  rows: string[],
  shownDigest: string | undefined,
): Promise<{ ok: true; planned: PlannedAction; digest: string } | ActionFailure> {
  const planned = planAction(context, request, rows);
  if (!planned.ok) return planned;
  const digest = planDigest(planned.planned);
  if (shownDigest !== undefined && shownDigest !== digest) {
    return { ok: false, code: "plan-changed", message: "The migration files changed since your preview, so the plan is different now; preview again." };
  }
  const unsupported = unsupportedRun(context, planned.planned) ?? (await promotionRefusal(context, planned.planned));
  return unsupported ?? { ok: true, planned: planned.planned, digest };
}

function unsupportedRun(context: EnvironmentContext, planned: PlannedAction): ActionFailure | null {
  const dialect = context.env.database ? dialectFor(context.env.database) : null;
  if (planned.request.kind === "rehearse" && dialect && !dialect.transactionalDdl) {
    return { ok: false, code: "not-rehearsable", message: `Rehearsal is not available on ${dialect.label}: DDL is not transactional there, so the rehearsal could not be rolled back.` };
  }
  if (executorOf(context, planned) !== "alembic") return null;
  const command = resolveAlembicCommand(context.project.config);
  return command.ok ? null : { ok: false, code: "alembic:unavailable", message: `Alembic cannot run here: ${command.reason}` };
}

/** The target as the audit log and the lock holder name it: `--purge a b` for a purge stamp. */
export function targetText(request: ActionRequest): string {
  return request.kind === "stamp" ? `${request.purge ? "--purge " : ""}${request.targets.join(" ")}` : request.target;
}

/** The target of a request that did not parse, for the record of its refusal. */
function rawTarget(request: unknown): string {
  const { target, targets } = (request ?? {}) as { target?: unknown; targets?: unknown };
  if (Array.isArray(targets) && targets.length > 0) return targets.map(String).join(" ");
  return typeof target === "string" ? target : "";
}
