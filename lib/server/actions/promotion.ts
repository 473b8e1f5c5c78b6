import "server-only";
import { listRuns } from "../audit/read";
import type { AuditRunView } from "../audit/types";
import type { EnvironmentConfig } from "../config";
import { findEnvironmentConfig } from "../environments";
import { readEnvironmentState } from "../environment-reader";
import type { EnvironmentContext } from "./context";
import type { PlannedAction } from "./plan";
import type { ActionFailure } from "./views";

// The promotion order (`"after": "staging"` on prod, `"after": "dev"` on staging): an upgrade of
// an environment should only bring revisions its earlier stages already have, and none whose
// latest run there failed. Said as a warning in the preview; `"promotion": "enforce"` refuses.

const HISTORY_LIMIT = 500;

/** The stages before `env`, nearest first (the config forbids cycles; the walk guards anyway). */
export function earlierStages(env: EnvironmentConfig): EnvironmentConfig[] {
  const stages: EnvironmentConfig[] = [];
  const seen = new Set([env.name]);
  for (let name = env.after ?? null; name && !seen.has(name); ) {
    seen.add(name);
    const stage = findEnvironmentConfig({ env: name });
    if (!stage) break;
    stages.push(stage);
    name = stage.after ?? null;
  }
  return stages;
}

/** The newest upgrade run (newest first in `runs`) that tried `revision`, and how that step ended. */
function latestAttempt(runs: readonly AuditRunView[], revision: string): { status: string; at: string } | null {
  for (const run of runs) {
    if (run.action !== "upgrade" && run.action !== "approve") continue;
    const step = run.steps.find((s) => s.revision === revision && s.direction === "up");
    if (step && (step.status === "applied" || step.status === "failed")) return { status: step.status, at: run.startedAt };
  }
  return null;
}

const list = (ids: string[]) => ids.map((id) => id.slice(0, 12)).join(", ");

/** One sentence per earlier stage the upgrade's revisions skipped or failed in; empty when in order. */
export async function promotionProblems(context: EnvironmentContext, planned: PlannedAction): Promise<string[]> {
  if (planned.kind !== "migration" || planned.request.kind === "downgrade") return [];
  const revisions = planned.plan.steps.filter((s) => s.direction === "up").map((s) => s.revision);
  if (revisions.length === 0) return [];
  const problems: string[] = [];
  for (const stage of earlierStages(context.env)) {
    const state = await readEnvironmentState({ env: stage });
    if (!state.reachable) {
      problems.push(`${stage.name} comes before ${context.env.name} in the promotion order but cannot be read (${state.reason}), so whether it has these revisions is unknown.`);
      continue;
    }
    const applied = context.project.map.ancestors(state.rows);
    const runs = (await listRuns({ environments: [stage], limit: HISTORY_LIMIT }).catch(() => ({ runs: [] as AuditRunView[] }))).runs;
    const missing = revisions.filter((r) => !applied.has(r));
    const failed = missing.filter((r) => latestAttempt(runs, r)?.status === "failed");
    const never = missing.filter((r) => !failed.includes(r));
    if (failed.length > 0) {
      problems.push(`${list(failed)} failed in ${stage.name} on ${failed.length === 1 ? "its" : "their"} latest run there, and ${stage.name} comes before ${context.env.name} in the promotion order.`);
    }
    if (never.length > 0) {
      problems.push(`${list(never)} ${never.length === 1 ? "was" : "were"} never applied in ${stage.name}, which comes before ${context.env.name} in the promotion order.`);
    }
  }
  return problems;
}

/** `enforce`: the refusal (a rehearsal changes nothing, so it is only warned). */
export async function promotionRefusal(context: EnvironmentContext, planned: PlannedAction): Promise<ActionFailure | null> {
  if (context.env.promotion !== "enforce" || planned.request.kind === "rehearse") return null;
  const problems = await promotionProblems(context, planned);
  if (problems.length === 0) return null;
  return { ok: false, code: "promotion:refused", message: `${context.env.name} enforces its promotion order: ${problems.join(" ")} Promote through the earlier stages first. Nothing was run.` };
}
