import "server-only";
import { resolveAlembicCommand } from "./alembic-command";
import { loadEnvironmentContext, type EnvironmentContext } from "./context";
import { executePlanned } from "./execute";
import { actionRequestSchema, approvalReasonSchema, expectedRowsSchema, invalidInput } from "./input";
import { approvalStepsOf } from "./approval-steps";
import { executorOf, planAction, planDigest, type PlannedAction } from "./plan";
import { confirmationRefusal, forbidden, guardFor, readonlyRefusal, type Actor } from "./protection";
import { refuse } from "./refusals";
import { dialectFor } from "../db/dialects";
import { insertApproval } from "./approvals-store";
import { promotionRefusal } from "./promotion";
import type { ActionFailure, ActionOutcome, ActionRequest, ActionResult, EnvironmentActionKind } from "./views";

// The confirmation of a previewed action. Everything the browser sent is checked again here:
// who asks, what the environment's protection demands, the input, and the plan made from the
// rows the user saw. The executor then re-reads those rows under the lock.

export interface RunInput {
  actor: Actor | null;
  env: string;
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

const KINDS: EnvironmentActionKind[] = ["upgrade", "downgrade", "stamp", "rehearse"];

function kindOf(request: unknown): EnvironmentActionKind {
  const kind = (request as { kind?: unknown } | null)?.kind;
  return KINDS.includes(kind as EnvironmentActionKind) ? (kind as EnvironmentActionKind) : "upgrade";
}

function targetOf(request: unknown): string {
  const { target, targets } = (request ?? {}) as { target?: unknown; targets?: unknown };
  if (Array.isArray(targets) && targets.length > 0) return targets.map(String).join(" ");
  return typeof target === "string" ? target : "";
}

export async function runEnvironmentAction(input: RunInput): Promise<ActionResult<ActionOutcome>> {
  const loaded = await loadEnvironmentContext({ env: input.env });
  if (!loaded.ok) return loaded;
  const { context } = loaded;
  const attempt = { environment: context.env, actor: input.actor?.name ?? "anonymous", action: kindOf(input.request), target: targetOf(input.request) };
  const denied = forbidden(input.actor, attempt.action);
  if (denied) return refuse(denied, attempt);
  const guard = guardFor(context.env.protection, attempt.action);
  if (guard === "refused") return refuse(readonlyRefusal(context.env.name, attempt.action), attempt);
  const parsed = actionRequestSchema.safeParse(input.request);
  if (!parsed.success) return refuse(invalidInput(parsed.error), attempt);
  const rows = expectedRowsSchema.safeParse(input.expectedRows);
  if (!rows.success) return refuse(invalidInput(rows.error, "The previewed rows are malformed."), attempt);
  const mismatch = confirmationRefusal(context.env.name, guard, input.confirmation);
  if (mismatch) return refuse(mismatch, { ...attempt, rowsBefore: rows.data });
  const actor = input.actor!;
  if (guard === "approval") {
    const reason = approvalReasonSchema.safeParse(input.reason ?? "");
    if (!reason.success) {
      const problem = reason.error.issues[0]?.message ?? "Say why this is needed.";
      return refuse({ ok: false, code: "invalid:input", message: `${problem} Nothing was stored.`, fieldErrors: { reason: [problem] } }, { ...attempt, rowsBefore: rows.data });
    }
    return requestApproval(context, parsed.data, rows.data, { actor: actor.name, reason: reason.data }, input.planDigest);
  }
  return runChecked(context, parsed.data, { expectedRows: rows.data, actor: actor.name, planDigest: input.planDigest });
}

/**
 * Plan from the previewed rows, check the plan is the one shown, run it, and record whatever
 * the executors did not (refusals, rehearsals). Also the last step of an approval.
 */
export async function runChecked(
  context: EnvironmentContext,
  request: ActionRequest,
  options: { expectedRows: string[]; actor: string; planDigest?: string },
): Promise<ActionResult<ActionOutcome>> {
  const attempt = { environment: context.env, actor: options.actor, action: request.kind, target: targetText(request), rowsBefore: options.expectedRows };
  const planned = planAction(context, request, options.expectedRows);
  if (!planned.ok) return refuse(planned, attempt);
  const digest = planDigest(planned.planned);
  if (options.planDigest !== undefined && options.planDigest !== digest) {
    return refuse({ ok: false, code: "plan-changed", message: "The migration files changed since your preview, so the plan is different now; preview again." }, attempt);
  }
  const unsupported = unsupportedRun(context, planned.planned) ?? (await promotionRefusal(context, planned.planned));
  if (unsupported) return refuse(unsupported, attempt);
  const result = await executePlanned(context, planned.planned, options);
  // Runs that started are in the log already, written by the executor itself (with a run id).
  if (!result.ok && !result.outcome?.runId) return refuse(result, attempt);
  return result;
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

export function targetText(request: ActionRequest): string {
  return request.kind === "stamp" ? `${request.purge ? "--purge " : ""}${request.targets.join(" ")}` : request.target;
}

async function requestApproval(
  context: EnvironmentContext,
  request: ActionRequest,
  expectedRows: string[],
  { actor, reason }: { actor: string; reason: string },
  shownDigest: string | undefined,
): Promise<ActionResult<ActionOutcome>> {
  const attempt = { environment: context.env, actor, action: request.kind, target: targetText(request), rowsBefore: expectedRows };
  const planned = planAction(context, request, expectedRows);
  if (!planned.ok) return refuse(planned, attempt);
  const digest = planDigest(planned.planned);
  if (shownDigest !== undefined && shownDigest !== digest) {
    return refuse({ ok: false, code: "plan-changed", message: "The migration files changed since your preview; preview again." }, attempt);
  }
  const outOfOrder = await promotionRefusal(context, planned.planned);
  if (outOfOrder) return refuse(outOfOrder, attempt);
  const plan = planned.planned.plan;
  let approval;
  try {
    approval = await insertApproval(context.env, { request, expectedRows, plannedRows: plan.after, ...approvalStepsOf(context, planned.planned), planDigest: digest, requestedBy: actor, reason });
  } catch {
    return { ok: false, code: "approval:unavailable", message: `Could not store the approval request in ${context.env.name}'s database.` };
  }
  const { planDigest: _digest, ...view } = approval;
  return {
    ok: true,
    data: {
      env: context.env.name, request, executor: executorOf(context, planned.planned), steps: [],
      rowsBefore: expectedRows, rowsAfter: expectedRows, plannedRows: plan.after, matchesPlan: false, approval: view,
    },
  };
}
