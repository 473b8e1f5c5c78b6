import "server-only";
import { applyVersionOps, ensureVersionTable, readVersionRows } from "../version-table";
import { describeError, refusal, rollbackQuietly, withLockedSession } from "./session";
import { checkSources, elapsed, notRun, runBody, stepSql } from "./steps";
import type { ExecutionResult, Outcome, RehearsalOptions, Session } from "./types";

/** Runs every step inside one transaction, then rolls it all back. Leaves no trace. */
export function rehearseMigrationPlan(options: RehearsalOptions): Promise<ExecutionResult> {
  const { plan, actor } = options;
  const invalid = checkSources(plan, options.sources);
  if (invalid) return Promise.resolve(refusal(invalid, options.expectedRows));
  return withLockedSession(options, `${actor} rehearse ${plan.kind} ${plan.target}`, (session) =>
    rehearseSteps(session, options),
  );
}

async function rehearseSteps(session: Session, options: RehearsalOptions): Promise<Outcome> {
  const { client, target } = session;
  const results = options.plan.steps.map(notRun);
  let failure: Outcome | null = null;
  await client.query("BEGIN");
  try {
    if (session.rowsBefore.length === 0) await ensureVersionTable(client, target);
    for (const [index, step] of options.plan.steps.entries()) {
      const sql = stepSql(options.sources, step);
      if (!sql.transactional) {
        const message = `${step.revision} is not transactional (transactional: false) and cannot be rehearsed; rehearsal stopped before it`;
        results[index] = { ...results[index], error: { code: "not-rehearsable", message } };
        failure = { ok: false, code: "not-rehearsable", message, steps: results };
        break;
      }
      const startedAt = new Date();
      try {
        await runBody(client, sql.body);
        await applyVersionOps(client, target, step.versionOps);
        results[index] = { ...results[index], status: "rehearsed", durationMs: elapsed(startedAt) };
      } catch (error) {
        const info = describeError(error, session.secrets);
        results[index] = { ...results[index], status: "failed", durationMs: elapsed(startedAt), error: info };
        return { ok: false, code: "step-failed", message: `${step.revision} failed in rehearsal: ${info.message} [SQLSTATE ${info.code}]`, steps: results };
      }
    }
    const rehearsedRows = (await readVersionRows(client, target)).rows.sort();
    return failure ? { ...failure, rehearsedRows } : { ok: true, steps: results, rehearsedRows };
  } finally {
    await rollbackQuietly(client);
  }
}
