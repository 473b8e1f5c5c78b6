/** Runs operations through Retort's library API, in process: load, build the map, plan. */
import { planDowngrade } from "../../lib/core/plan/plan-downgrade";
import { planStamp } from "../../lib/core/plan/plan-stamp";
import { planUpgrade } from "../../lib/core/plan/plan-upgrade";
import { buildRevisionMap, type RevisionMap } from "../../lib/core/graph/revision-map";
import type { MigrationPlan, Problem, Result, StampPlan } from "../../lib/core/types";
import { loadMigrationDirectory } from "../../lib/server/migration-dir";
import type { Operation, Outcome } from "./operations";

export interface RetortProject {
  map: RevisionMap;
  /** Load and graph problems that are errors (warnings dropped). */
  problems: Problem[];
  revisionCount: number;
}

export async function loadRetortProject(args: { alembicIni: string }): Promise<RetortProject> {
  const directory = await loadMigrationDirectory({ alembicIni: args.alembicIni });
  const map = buildRevisionMap(directory.sources);
  const problems = [...directory.problems, ...map.problems].filter((p) => p.severity !== "warning");
  return { map, problems, revisionCount: directory.sources.length };
}

export function runRetortOperation(project: RetortProject, op: Operation): Outcome {
  const { map } = project;
  if (op.kind === "heads") return { ok: true, heads: [...map.heads], realHeads: [...map.realHeads] };
  // Retort sees a missing version table as no rows, as Alembic does (§4.1).
  const rows = op.startRows ?? [];
  try {
    if (op.kind === "stamp") return stampOutcome(planStamp(map, { targets: op.targets, rows, purge: op.purge }));
    const plan = op.kind === "upgrade" ? planUpgrade(map, { target: op.target, rows }) : planDowngrade(map, { target: op.target, rows });
    return migrationOutcome(plan);
  } catch (error) {
    // Planners return refusals as values; a throw is a bug, reported as a crash.
    return { ok: false, kind: "crash", errorClass: (error as Error).name, message: String((error as Error).stack ?? error) };
  }
}

function migrationOutcome(result: Result<MigrationPlan>): Outcome {
  if (!result.ok) return { ok: false, kind: "refusal", code: result.error.code, message: result.error.message };
  const steps = result.value.steps.map((s) => ({ revision: s.revision, direction: s.direction }));
  return { ok: true, steps, rows: [...result.value.after] };
}

function stampOutcome(result: Result<StampPlan>): Outcome {
  if (!result.ok) return { ok: false, kind: "refusal", code: result.error.code, message: result.error.message };
  return { ok: true, steps: [], rows: [...result.value.after] };
}
