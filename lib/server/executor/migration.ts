import "server-only";
import type { AuditEntry } from "../audit-types";
import { splitSqlStatements } from "../../core/parse-sql";
import { applyVersionOps, ensureVersionTable } from "../version-table";
import { describeError, recordFailure, refusal, rollbackQuietly, withLockedSession } from "./session";
import { checkSources, elapsed, notRun, runBody, stepSql } from "./steps";
import type { ExecutionResult, MigrationOptions, Outcome, Session, StepResult } from "./types";

/** Runs a native-SQL upgrade or downgrade. Never throws: every failure is a result. */
export function executeMigrationPlan(options: MigrationOptions): Promise<ExecutionResult> {
  const { plan, actor } = options;
  const invalid = checkSources(plan, options.sources);
  if (invalid) return Promise.resolve(refusal(invalid, options.expectedRows));
  return withLockedSession(options, `${actor} ${plan.kind} ${plan.target}`, async (session) => {
    if (session.rowsBefore.length === 0) await ensureVersionTable(session.client, session.target);
    return runMigrationSteps(session, options);
  });
}

async function runMigrationSteps(session: Session, options: MigrationOptions): Promise<Outcome> {
  const { client } = session;
  const { plan, transactionMode } = options;
  const results = plan.steps.map(notRun);
  let openSteps: number[] = []; // steps done inside the still-open single transaction
  for (const [index, step] of plan.steps.entries()) {
    const sql = stepSql(options.sources, step);
    const startedAt = new Date();
    try {
      if (sql.transactional) {
        if (openSteps.length === 0 || transactionMode === "per-step") await client.query("BEGIN");
        await runBody(client, sql.body);
        await finishStep(session, options, index, startedAt);
        if (transactionMode === "per-step") await client.query("COMMIT");
        else openSteps.push(index);
      } else {
        if (openSteps.length > 0) await client.query("COMMIT");
        openSteps = [];
        // Outside a transaction, one statement per query, or PostgreSQL wraps them in one anyway.
        for (const statement of splitSqlStatements(sql.body)) await client.query(statement);
        await client.query("BEGIN");
        await finishStep(session, options, index, startedAt);
        await client.query("COMMIT");
      }
      results[index] = { ...results[index], status: "applied", durationMs: elapsed(startedAt) };
    } catch (error) {
      return failStep(session, options, results, { index, startedAt, error, openSteps });
    }
  }
  if (openSteps.length > 0) {
    try {
      await client.query("COMMIT");
    } catch (error) {
      const last = openSteps[openSteps.length - 1];
      return failStep(session, options, results, { index: last, startedAt: new Date(), error, openSteps });
    }
  }
  return { ok: true, steps: results };
}

/** The version rows and the audit record of a step, inside that step's transaction. */
async function finishStep(session: Session, options: MigrationOptions, index: number, startedAt: Date) {
  const step = options.plan.steps[index];
  await applyVersionOps(session.client, session.target, step.versionOps);
  await options.audit?.record(session.client, stepEntry(options, session, index, startedAt, "applied"));
}

async function failStep(
  session: Session,
  options: MigrationOptions,
  results: StepResult[],
  failure: { index: number; startedAt: Date; error: unknown; openSteps: number[] },
): Promise<Outcome> {
  const { index, startedAt, openSteps } = failure;
  await rollbackQuietly(session.client);
  for (const undone of openSteps) results[undone] = { ...results[undone], status: "rolled-back" };
  const error = describeError(failure.error, session.secrets);
  results[index] = { ...results[index], status: "failed", durationMs: elapsed(startedAt), error };
  const entry = stepEntry(options, session, index, startedAt, "failed");
  await recordFailure(session.client, options.audit, { ...entry, error: { code: error.code, message: error.message } });
  const step = options.plan.steps[index];
  const partial = stepSql(options.sources, step).transactional ? "" : " (a non-transactional step: statements before the failing one stay applied)";
  return {
    ok: false,
    code: "step-failed",
    message: `${step.direction === "up" ? "Upgrade" : "Downgrade"} ${step.revision} failed: ${error.message} [SQLSTATE ${error.code}]${partial}`,
    steps: results,
  };
}

function stepEntry(options: MigrationOptions, session: Session, index: number, startedAt: Date, status: AuditEntry["status"]): AuditEntry {
  const { plan } = options;
  const step = plan.steps[index];
  const rowsBefore = index === 0 ? session.rowsBefore : plan.steps[index - 1].rowsAfter;
  return {
    action: plan.kind,
    actor: options.actor,
    target: plan.target,
    versionTable: { table: session.target.table, schema: session.target.schema ?? null },
    revision: step.revision,
    direction: step.direction,
    versionOps: step.versionOps,
    rowsBefore: [...rowsBefore],
    rowsAfter: status === "applied" ? [...step.rowsAfter] : [...rowsBefore],
    status,
    startedAt: startedAt.toISOString(),
    durationMs: elapsed(startedAt),
  };
}
