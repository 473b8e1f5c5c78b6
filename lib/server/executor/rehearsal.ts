import "server-only";
import { applyVersionOps, ensureVersionTable, readVersionRows } from "../db/version-table";
import { auditSteps } from "./journal";
import { codeLabel, describeError, refusal, withLockedSession } from "./session";
import { runStatements, StepFailure } from "./statements";
import { checkSources, elapsed, notRun, stepSql } from "./steps";
import type { Session } from "./session";
import type { ExecutionResult, Outcome, RehearsalOptions } from "./types";

/** Runs every step inside one transaction, then rolls it all back. Leaves no trace but its audit record. */
export function rehearseMigrationPlan(options: RehearsalOptions): Promise<ExecutionResult> {
  const { plan } = options;
  const invalid = checkSources(plan, options.sources);
  if (invalid) return Promise.resolve(refusal(invalid, options.expectedRows));
  return withLockedSession(options, {
    action: "rehearse",
    target: plan.target,
    okStatus: "rehearsed",
    plannedSteps: auditSteps(plan.steps.map(notRun), plan.steps),
    finalSteps: (outcome) => auditSteps(outcome.steps, plan.steps),
    precheck: (dialect) =>
      dialect.transactionalDdl
        ? null
        : { ok: false, code: "not-rehearsable", steps: plan.steps.map(notRun),
            message: `${dialect.label} commits DDL implicitly, so a rehearsal could not be rolled back; nothing was run` },
    run: (session) => rehearseSteps(session, options),
  });
}

async function rehearseSteps(session: Session, options: RehearsalOptions): Promise<Outcome> {
  const { conn, target } = session;
  const results = options.plan.steps.map(notRun);
  let failure: Outcome | null = null;
  await conn.begin({ immediate: true });
  try {
    if (session.rowsBefore.length === 0) await ensureVersionTable(conn, target);
    for (const [index, step] of options.plan.steps.entries()) {
      const sql = stepSql(options.sources, step);
      if (!sql.transactional) {
        const message = `${step.revision} is not transactional (transactional: false) and cannot be rehearsed; rehearsal stopped before it`;
        results[index] = { ...results[index]!, error: { code: "not-rehearsable", message } };
        failure = { ok: false, code: "not-rehearsable", message, steps: results };
        break;
      }
      const startedAt = new Date();
      session.run.step(step.revision);
      try {
        await runStatements(session, sql.body, { line: sql.line, inTransaction: true });
        await applyVersionOps(conn, target, step.versionOps);
        results[index] = { ...results[index]!, status: "rehearsed", durationMs: elapsed(startedAt) };
      } catch (error) {
        const info = error instanceof StepFailure ? error.info : describeError(error, session.secrets);
        results[index] = { ...results[index]!, status: "failed", durationMs: elapsed(startedAt), error: info };
        const where = info.line ? ` at line ${info.line}` : "";
        return { ok: false, code: info.code === "cancelled" ? "cancelled" : "step-failed", message: `${step.revision} failed in rehearsal${where}: ${info.message} [${codeLabel(info.code)}]`, steps: results };
      }
    }
    const rehearsedRows = (await readVersionRows(conn, target)).rows.sort();
    return failure ? { ...failure, rehearsedRows } : { ok: true, steps: results, rehearsedRows };
  } finally {
    await conn.rollback();
  }
}
