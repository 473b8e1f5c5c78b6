import "server-only";
import type { MigrationPlan, PlanStep, RevisionSource } from "../../core/types";
import type { Outcome, StepResult } from "./types";

// What running and rehearsing migration steps share.

export function checkSources(plan: MigrationPlan, sources: ReadonlyMap<string, RevisionSource>): Outcome | null {
  const missing = plan.steps.filter((step) => !sources.get(step.revision)?.sql).map((step) => step.revision);
  if (missing.length === 0) return null;
  return {
    ok: false,
    code: "missing-sql",
    message: `No native SQL found for ${missing.join(", ")}; Python revisions run through the alembic command`,
    steps: plan.steps.map(notRun),
  };
}

export function stepSql(sources: ReadonlyMap<string, RevisionSource>, step: PlanStep) {
  const sql = sources.get(step.revision)?.sql;
  if (!sql) throw new Error(`no SQL for ${step.revision}`); // checked before the run starts
  const up = step.direction === "up";
  return { body: up ? sql.up : sql.down, transactional: sql.transactional, line: up ? sql.upLine : sql.downLine };
}

export function notRun(step: PlanStep): StepResult {
  return { revision: step.revision, direction: step.direction, status: "not-run", durationMs: 0 };
}

export function elapsed(startedAt: Date): number {
  return Date.now() - startedAt.getTime();
}
