import "server-only";
import type { StampPlan } from "../../core/types";
import { databaseOf } from "../config";
import { executeMigrationPlan, executeStampPlan, rehearseMigrationPlan, type ExecutionResult } from "../sql-executor";
import { resolveAlembicCommand } from "./alembic-command";
import { rehearseAlembicPlan, type AlembicRehearsalResult } from "./alembic-rehearsal";
import { runAlembicPlan, type AlembicResult } from "./alembic-runner";
import { actionConnection, type EnvironmentContext } from "./context";
import { executorOf, type PlannedAction } from "./plan";
import type { ActionFailure, ActionOutcome, ActionResult } from "./views";

// Runs a planned action with the executor that fits it: native SQL per step, real Alembic for
// Python migrations, pure SQL for every stamp, one rolled-back transaction for a rehearsal.

type RunResult = ExecutionResult | AlembicResult | AlembicRehearsalResult;

export async function executePlanned(
  context: EnvironmentContext,
  planned: PlannedAction,
  options: { expectedRows: string[]; actor: string },
): Promise<ActionResult<ActionOutcome>> {
  const result = await dispatch(context, planned, options);
  const outcome: ActionOutcome = {
    env: context.env.name,
    request: planned.request,
    executor: executorOf(context, planned),
    steps: result.steps.map(({ revision, direction, status, durationMs, error }) => ({
      revision, direction, status, durationMs,
      ...(error ? { error: { code: error.code, message: error.message, ...(error.statement ? { statement: error.statement } : {}), ...(error.line ? { line: error.line } : {}) } } : {}),
    })),
    rowsBefore: result.rowsBefore,
    rowsAfter: result.rowsAfter,
    plannedRows: planned.plan.after,
    matchesPlan: result.rowsAfter.join(",") === (planned.request.kind === "rehearse" ? planned.plan.before : planned.plan.after).join(","),
    ...("rehearsedRows" in result && result.rehearsedRows ? { rehearsedRows: result.rehearsedRows } : {}),
    ...("output" in result ? { output: result.output } : {}),
    ...(result.runId ? { runId: result.runId } : {}),
  };
  if (result.ok) return { ok: true, data: outcome };
  return failureOf(planned, result, outcome);
}

async function dispatch(context: EnvironmentContext, planned: PlannedAction, options: { expectedRows: string[]; actor: string }): Promise<RunResult> {
  // Only the actions that create the version table may create a SQLite file that is not there yet.
  const creates = planned.request.kind === "stamp" || planned.request.kind === "upgrade";
  const common = {
    ...actionConnection(context.env, { create: creates }),
    target: context.target,
    expectedRows: options.expectedRows,
    actor: options.actor,
    audit: { environment: context.env.name },
    checksums: { root: context.project.directory.root, map: context.project.map, sources: context.project.sourcesById },
  };
  if (planned.kind === "stamp") return executeStampPlan({ ...common, plan: planned.plan });
  const sources = context.project.sourcesById;
  if (executorOf(context, planned) === "alembic") {
    const command = resolveAlembicCommand(context.project.config);
    if (!command.ok) return { ok: false, code: "alembic:unavailable", message: command.reason, steps: [], rowsBefore: options.expectedRows, rowsAfter: options.expectedRows, output: "" };
    const timeouts = { lockTimeoutMs: context.env.lockTimeoutMs, statementTimeoutMs: context.env.statementTimeoutMs };
    const database = { name: context.env.name, url: databaseOf(context.env), connection: common.connection, timeouts };
    const run = { database, target: context.target, command: command.command, plan: planned.plan, expectedRows: options.expectedRows, actor: options.actor, checksums: common.checksums };
    return planned.request.kind === "rehearse" ? rehearseAlembicPlan(run) : runAlembicPlan({ ...run, audit: true });
  }
  if (planned.request.kind === "rehearse") return rehearseMigrationPlan({ ...common, plan: planned.plan, sources });
  return executeMigrationPlan({ ...common, plan: planned.plan, sources, transactionMode: "per-step" });
}

function failureOf(planned: PlannedAction, result: RunResult, outcome: ActionOutcome): ActionFailure {
  const kind = planned.request.kind;
  const message = result.message ?? "The action failed.";
  switch (result.code) {
    case "locked":
      return {
        ok: false,
        code: `locked:${kind}`,
        message: `Another run holds ${outcome.env}'s version table: ${result.heldBy ?? "an unknown session"}${result.since ? `, since ${result.since}` : ""}. Nothing was run; try again when it finishes.`,
        heldBy: result.heldBy,
        since: result.since ?? null,
        outcome,
      };
    case "rows-changed":
      return {
        ok: false,
        code: "rows-changed",
        message: `The database changed since your preview: it now has ${rowsText(result.rowsBefore)}; preview again.`,
        rowsNow: result.rowsBefore,
        outcome,
      };
    default:
      return { ok: false, code: result.code ?? "failed", message, outcome };
  }
}

export function rowsText(rows: string[]): string {
  return rows.length === 0 ? "no version rows" : rows.join(", ");
}
