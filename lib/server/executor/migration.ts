import "server-only";
import { applyVersionOps, ensureVersionTable } from "../db/version-table";
import { prepareChecksums, stepChecksums } from "./checksums";
import { auditSteps } from "./journal";
import { codeLabel, describeError, refusal, withLockedSession } from "./session";
import { cancelledBetweenSteps, runStatements, StepFailure } from "./statements";
import { checkSources, elapsed, notRun, stepSql } from "./steps";
import type { Session } from "./session";
import type { ExecutionResult, MigrationOptions, Outcome, StepResult } from "./types";

/** Runs a native-SQL upgrade or downgrade. Never throws: every failure is a result. */
export function executeMigrationPlan(options: MigrationOptions): Promise<ExecutionResult> {
  const { plan } = options;
  const invalid = checkSources(plan, options.sources);
  if (invalid) return Promise.resolve(refusal(invalid, options.expectedRows));
  return withLockedSession(options, {
    action: plan.kind,
    target: plan.target,
    plannedSteps: auditSteps(plan.steps.map(notRun), plan.steps),
    finalSteps: (outcome) => auditSteps(outcome.steps, plan.steps),
    precheck: (dialect) => {
      if (options.transactionMode !== "single" || dialect.transactionalDdl) return null;
      const message = `${dialect.label} commits DDL implicitly, so a run cannot be one transaction there; run it per step (without --single-transaction)`;
      return { ok: false, code: "not-supported", message, steps: plan.steps.map(notRun) };
    },
    run: async (session) => {
      if (session.rowsBefore.length === 0) await ensureVersionTable(session.conn, session.target);
      await prepareChecksums(session.conn, session.target, options.checksums, plan.steps.some((s) => s.direction === "up"));
      return runMigrationSteps(session, options);
    },
  });
}

async function runMigrationSteps(session: Session, options: MigrationOptions): Promise<Outcome> {
  const { conn } = session;
  const { plan, transactionMode } = options;
  const results = plan.steps.map(notRun);
  let openSteps: number[] = []; // steps done inside the still-open single transaction
  for (const [index, step] of plan.steps.entries()) {
    const sql = stepSql(options.sources, step);
    const startedAt = new Date();
    session.run.step(step.revision);
    try {
      const cancelled = cancelledBetweenSteps(session);
      if (cancelled) throw cancelled;
      if (sql.transactional) {
        if (openSteps.length === 0 || transactionMode === "per-step") await conn.begin({ immediate: true });
        await runStatements(session, sql.body, { line: sql.line, inTransaction: true });
        await finishStep(session, options, results, index, startedAt);
        if (transactionMode === "per-step") await conn.commit();
        else openSteps.push(index);
      } else {
        if (openSteps.length > 0) await conn.commit();
        openSteps = [];
        await runStatements(session, sql.body, { line: sql.line, inTransaction: false });
        await conn.begin({ immediate: true });
        await finishStep(session, options, results, index, startedAt);
        await conn.commit();
      }
      results[index] = { ...results[index]!, status: "applied", durationMs: elapsed(startedAt) };
    } catch (error) {
      return failStep(session, options, results, { index, startedAt, error, openSteps });
    }
  }
  session.run.step(null);
  if (openSteps.length > 0) {
    try {
      await conn.commit();
    } catch (error) {
      const last = openSteps[openSteps.length - 1]!;
      return failStep(session, options, results, { index: last, startedAt: new Date(), error, openSteps: openSteps.slice(0, -1) });
    }
  }
  return { ok: true, steps: results };
}

/** The version rows and the audit record of a step, inside that step's transaction. */
async function finishStep(session: Session, options: MigrationOptions, results: StepResult[], index: number, startedAt: Date) {
  const step = options.plan.steps[index]!;
  await applyVersionOps(session.conn, session.target, step.versionOps);
  await stepChecksums(session.conn, session.target, options.checksums, step);
  const recorded = results.map((r, i) => (i === index ? { ...r, status: "applied" as const, durationMs: elapsed(startedAt) } : r));
  await session.journal.progress(session.conn, auditSteps(recorded, options.plan.steps), step.rowsAfter);
}

async function failStep(
  session: Session,
  options: MigrationOptions,
  results: StepResult[],
  failure: { index: number; startedAt: Date; error: unknown; openSteps: number[] },
): Promise<Outcome> {
  const { index, startedAt, openSteps } = failure;
  await session.conn.rollback();
  for (const undone of openSteps) results[undone] = { ...results[undone]!, status: "rolled-back" };
  const step = options.plan.steps[index]!;
  const error = failure.error instanceof StepFailure ? failure.error.info : describeError(failure.error, session.secrets);
  const partial = failure.error instanceof StepFailure && failure.error.stayed > 0 ? { ran: failure.error.stayed, total: failure.error.total } : undefined;
  results[index] = { ...results[index]!, status: "failed", durationMs: elapsed(startedAt), error, ...(partial ? { partial } : {}) };
  const verb = step.direction === "up" ? "Upgrade" : "Downgrade";
  const where = error.line ? ` at line ${error.line}` : "";
  return {
    ok: false,
    code: error.code === "cancelled" ? "cancelled" : "step-failed",
    message: `${verb} ${step.revision} failed${where}: ${error.message} [${codeLabel(error.code)}]${partialNote(session, partial)}`,
    steps: results,
  };
}

function partialNote(session: Session, partial: { ran: number; total: number } | undefined): string {
  if (!partial) return "";
  const why = session.dialect.transactionalDdl ? "a non-transactional step" : `${session.dialect.label} commits DDL implicitly`;
  return ` (partly applied: ${why}, so ${partial.ran} of its ${partial.total} statements ran and stay applied; the version table still shows the last completed revision)`;
}
