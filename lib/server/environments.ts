import "server-only";
import { classifyEnvironment } from "../core/plan/environment-status";
import { planUpgrade } from "../core/plan/plan-upgrade";
import type { EnvironmentView, PendingStepView } from "../core/view/view-types";
import { loadConfig, type EnvironmentConfig } from "./config";
import { readEnvironmentState, type EnvironmentState } from "./environment-reader";
import { sweepInterruptedRuns } from "./audit/read";
import { processState } from "./process-state";
import { getProject, stepView, type LoadedProject } from "./project-cache";

// Every configured database's position on its project's graph. All environments are read at
// once, each within the reader's time limit, so one dead database never holds up the rest.

export function findEnvironmentConfig({ env }: { env: string }): EnvironmentConfig | null {
  const result = loadConfig();
  return result.ok ? (result.config.environments.find((e) => e.name === env) ?? null) : null;
}

export async function getEnvironmentViews(): Promise<EnvironmentView[]> {
  const result = loadConfig();
  if (!result.ok) return [];
  sweepOnce(result.config.environments);
  return Promise.all(result.config.environments.map((env) => readView(env)));
}

const sweep = processState("interrupted-sweep", () => ({ done: false }));

/** At the first overview, unless the server's start did it: see sweepInterrupted. */
function sweepOnce(environments: EnvironmentConfig[]): void {
  if (!sweep.done) void sweepInterrupted(environments);
}

/** Marks the runs a dead process left `running` interrupted, with the rows as they are now. */
export function sweepInterrupted(environments: EnvironmentConfig[]): Promise<void> {
  sweep.done = true;
  return sweepInterruptedRuns({ environments: environments.filter((e) => !e.unavailable) });
}

export async function getEnvironmentView({ env }: { env: string }): Promise<EnvironmentView | null> {
  const config = findEnvironmentConfig({ env });
  return config ? readView(config) : null;
}

/** The steps `upgrade heads` would run now, with their SQL for native SQL projects. */
export async function getPendingSteps({ env }: { env: string }): Promise<PendingStepView[]> {
  const config = findEnvironmentConfig({ env });
  if (!config) return [];
  const [project, state] = await Promise.all([getProject({ name: config.project }), readEnvironmentState({ env: config })]);
  if (!project || !state.reachable) return [];
  const view = toView(config, project, state);
  if (view.status !== "behind" && view.status !== "empty") return [];
  const plan = planUpgrade(project.map, { target: "heads", rows: view.rows });
  if (!plan.ok) return [];
  return plan.value.steps.map((step) => stepView(project, step));
}

async function readView(env: EnvironmentConfig): Promise<EnvironmentView> {
  const [project, state] = await Promise.all([getProject({ name: env.project }), readEnvironmentState({ env })]);
  return toView(env, project, state);
}

function toView(env: EnvironmentConfig, project: LoadedProject | null, state: EnvironmentState): EnvironmentView {
  const base = {
    name: env.name,
    project: env.project,
    protection: env.protection,
    versionTable: env.versionTable,
    versionSchema: env.versionSchema,
    database: env.database,
  };
  if (!state.reachable) {
    return { ...base, status: "unreachable", rows: [], tableExists: false, current: [], pending: [], unknownRows: [], reason: state.reason };
  }
  if (!project) {
    // Config validation guarantees the project exists; this only guards a config edited mid-request.
    return { ...base, status: "unreachable", rows: state.rows, tableExists: state.tableExists, current: [], pending: [], unknownRows: [],
      reason: `project "${env.project}" is not configured` };
  }
  const status = classifyEnvironment({ map: project.map, ...state });
  return { ...base, ...status, rows: state.rows, tableExists: state.tableExists, ...(state.note ? { reason: state.note } : {}) };
}
