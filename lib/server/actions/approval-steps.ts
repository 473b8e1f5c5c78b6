import "server-only";
import { stepView } from "../project-cache";
import type { EnvironmentContext } from "./context";
import type { PlannedAction } from "./plan";
import type { ApprovalStep } from "./views";

// What an approver reviews: each step's id and direction ("+ae10…", "-3f2a…"), and beside it the
// revision's message and (native SQL projects) the statements it runs, as the requester saw them.

const MAX_SQL = 20_000;

export function approvalStepsOf(context: EnvironmentContext, planned: PlannedAction): { steps: string[]; stepDetails: ApprovalStep[] } {
  if (planned.kind === "stamp") return { steps: [], stepDetails: [] };
  const steps = planned.plan.steps.map((s) => `${s.direction === "up" ? "+" : "-"}${s.revision}`);
  const stepDetails = planned.plan.steps.map((step): ApprovalStep => {
    const view = stepView(context.project, step);
    const detail: ApprovalStep = { revision: view.revision, direction: view.direction, message: view.message };
    if (view.sql !== undefined) detail.sql = view.sql.length > MAX_SQL ? `${view.sql.slice(0, MAX_SQL)}\n-- … (clipped)` : view.sql;
    return detail;
  });
  return { steps, stepDetails };
}
