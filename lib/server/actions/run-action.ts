import "server-only";
import { approvalStepsOf } from "./approval-steps";
import { insertApproval } from "./approvals-store";
import { loadEnvironmentContext, type EnvironmentContext } from "./context";
import { executePlanned } from "./execute";
import { type ActionInput, type Attempt, type CheckedAction, checkAction, checkPlan, targetText } from "./guards";
import { executorOf } from "./plan";
import { refuse } from "./refusals";
import type { ActionOutcome, ActionRequest, ActionResult } from "./views";

// The confirmation of a previewed action, in one pass: gather the state (the environment and
// its project), check the named guards in order (guards.ts), decide (run it, or store it for
// approval), then record the outcome once. Runs that started are recorded by the executor (one
// audit run with its steps); everything refused before that is recorded here.

export interface RunInput extends ActionInput {
  env: string;
}

export async function runEnvironmentAction(input: RunInput): Promise<ActionResult<ActionOutcome>> {
  const loaded = await loadEnvironmentContext({ env: input.env });
  if (!loaded.ok) return loaded;
  const { context } = loaded;
  const verdict = await checkAction(context, input);
  if (!verdict.ok) return record(verdict.failure, verdict.attempt);
  const { checked } = verdict;
  const result = checked.guard === "approval"
    ? await requestApproval(context, checked)
    : await executePlanned(context, checked.planned, { expectedRows: checked.expectedRows, actor: checked.actor.name });
  return record(result, verdict.attempt);
}

/** An approved request: the plan guards again on the rows the requester saw, then the run. */
export async function runApproved(
  context: EnvironmentContext,
  request: ActionRequest,
  options: { expectedRows: string[]; actor: string; planDigest: string },
): Promise<ActionResult<ActionOutcome>> {
  const attempt: Attempt = { environment: context.env, actor: options.actor, action: request.kind, target: targetText(request), rowsBefore: options.expectedRows };
  const plan = await checkPlan(context, request, options.expectedRows, options.planDigest);
  if (!plan.ok) return record(plan, attempt);
  return record(await executePlanned(context, plan.planned, options), attempt);
}

/** The one place an outcome is recorded: a run that started is in the log already (it has a run id). */
async function record(result: ActionResult<ActionOutcome>, attempt: Attempt): Promise<ActionResult<ActionOutcome>> {
  if (result.ok || result.outcome?.runId) return result;
  return refuse(result, attempt);
}

async function requestApproval(context: EnvironmentContext, checked: CheckedAction): Promise<ActionResult<ActionOutcome>> {
  const { planned, expectedRows, digest } = checked;
  const request = planned.request;
  let approval;
  try {
    approval = await insertApproval(context.env, {
      request, expectedRows, plannedRows: planned.plan.after, ...approvalStepsOf(context, planned),
      planDigest: digest, requestedBy: checked.actor.name, reason: checked.reason ?? "",
    });
  } catch {
    return { ok: false, code: "approval:unavailable", message: "Could not store the approval request in Retort's metadata database. Nothing was run." };
  }
  const { planDigest: _digest, ...view } = approval;
  return {
    ok: true,
    data: {
      env: context.env.name, request, executor: executorOf(context, planned), steps: [],
      rowsBefore: expectedRows, rowsAfter: expectedRows, plannedRows: planned.plan.after, matchesPlan: false, approval: view,
    },
  };
}
