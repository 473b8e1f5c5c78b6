import "server-only";
import type { MigrationPlan } from "../../core/types";
import { sanitizeDbError } from "../db/errors";
import type { DbConnection, VersionTableTarget } from "../db/types";
import type { DatabaseUrl } from "../db/url";
import { readVersionRows } from "../db/version-table";
import { type ChecksumHook, prepareChecksums, transitionChecksums } from "../executor/checksums";
import { auditSteps, RunJournal } from "../executor/journal";
import { dialectOf } from "../db/dialects";
import { registerRun } from "../runs/registry";
import type { AlembicCommand } from "./alembic-command";
import { withAlembicLock, type AlembicDatabase } from "./alembic-lock";
import { runAlembicProcess, type AlembicRun } from "./alembic-process";
import type { StepOutcome } from "./views";

// Upgrades and downgrades of Alembic projects run the real `alembic`, under the same run lock
// the SQL executors take, after the same re-read and comparison of the version rows, and are
// recorded as one audit run. Afterwards the rows are read again and compared with the plan.
// Retort holds no transaction while Alembic runs: on SQLite that would lock Alembic out.

export interface AlembicResult {
  ok: boolean;
  code?: string;
  message?: string;
  steps: StepOutcome[];
  rowsBefore: string[];
  rowsAfter: string[];
  output: string;
  heldBy?: string;
  since?: string | null;
  runId?: string;
}

export interface AlembicRunOptions {
  database: AlembicDatabase;
  target: VersionTableTarget;
  command: AlembicCommand;
  plan: MigrationPlan;
  expectedRows: string[];
  actor: string;
  /** Record the revisions Alembic applied (and forget those it took back) in retort_revision. */
  checksums?: ChecksumHook;
  /** Record the run in retort_audit (the dashboard does; the CLI does not). */
  audit?: boolean;
}

export function runAlembicPlan(options: AlembicRunOptions): Promise<AlembicResult> {
  const holder = `${options.actor} alembic ${options.plan.kind} ${options.plan.target}`;
  return withAlembicLock(options, holder, { refused: (code, message, extra) => ({ ...refused(options, code, message), ...extra }) },
    (conn, rowsBefore) => runLocked(conn, options, options.database.url, rowsBefore));
}

async function runLocked(conn: DbConnection, options: AlembicRunOptions, url: DatabaseUrl, rowsBefore: string[]): Promise<AlembicResult> {
  const { plan } = options;
  const audit = options.audit ? { environment: options.database.name } : undefined;
  const journal = new RunJournal(audit, { actor: options.actor, action: plan.kind, target: plan.target, versionTable: options.target });
  try {
    await journal.start(conn, rowsBefore, auditSteps(plan.steps.map(notRun), plan.steps));
  } catch (error) {
    const message = `Could not write the audit record, so nothing was run: ${sanitizeDbError(error, url.secrets).message}`;
    return { ok: false, code: "audit", message, steps: plan.steps.map(notRun), rowsBefore, rowsAfter: rowsBefore, output: "" };
  }
  // A cancel stops the Alembic process itself, and ends its database sessions where they carry
  // our tag (a backend whose client died would run its statement to the end, holding its locks).
  const stopper = new AbortController();
  const dialect = dialectOf(conn);
  const tag = `retort-alembic-${journal.id.slice(0, 8)}`;
  const stop = async () => {
    stopper.abort();
    await dialect.stopTaggedSessions(conn, tag).catch(() => 0);
  };
  const run = audit
    ? registerRun({ runId: journal.id, environment: audit.environment, action: plan.kind, actor: options.actor, target: plan.target, startedAt: new Date().toISOString() }, conn, { stop })
    : null;
  let alembic: AlembicRun;
  try {
    alembic = await runAlembicProcess({
      command: options.command,
      alembicArgs: [plan.kind, plan.target],
      url: url.sqlalchemyUrl,
      versionTable: { table: options.target.table, schema: options.target.schema ?? null },
      secrets: url.secrets,
      signal: stopper.signal,
      extraEnv: dialect.childSessionEnv(tag, options.database.timeouts),
    });
  } finally {
    run?.done();
  }
  const rowsAfter = (await readVersionRows(conn, options.target)).rows.sort();
  await recordAlembicChecksums(conn, options, rowsBefore, rowsAfter);
  const cancelledBy = alembic.cancelled ? (run?.cancelledBy() ?? "someone") : null;
  const steps = stepStatuses(plan, rowsAfter, alembic, cancelledBy);
  const result = summarize(options, alembic, rowsBefore, rowsAfter, steps, cancelledBy);
  await journal.finish(conn, { status: result.ok ? "applied" : "failed", steps: auditSteps(steps, plan.steps), rowsAfter, error: result.ok ? null : `${result.code}: ${result.message}` });
  return { ...result, ...(journal.recording ? { runId: journal.id } : {}) };
}

function summarize(options: AlembicRunOptions, run: AlembicRun, rowsBefore: string[], rowsAfter: string[], steps: StepOutcome[], cancelledBy: string | null): AlembicResult {
  const base = { steps, rowsBefore, rowsAfter, output: run.output };
  if (run.exitCode === 0) return { ok: true, ...base };
  if (cancelledBy) {
    const kept = rowsAfter.length > 0 ? `the version table now holds ${rowsAfter.join(", ")}` : "the version table is empty";
    return { ok: false, code: "cancelled", message: `alembic ${options.plan.kind} cancelled by ${cancelledBy}: the process was stopped; ${kept}.`, ...base };
  }
  const failed = steps.find((s) => s.status === "failed");
  const reason = lastFailureLine(run.output) ?? (run.timedOut ? "alembic took too long and was stopped" : `alembic exited with status ${run.exitCode ?? "unknown"}`);
  const message = failed ? `${failed.direction === "up" ? "Upgrade" : "Downgrade"} ${failed.revision} failed: ${reason}` : `alembic ${options.plan.kind} failed: ${reason}`;
  return { ok: false, code: failed ? "step-failed" : "alembic-failed", message, ...base };
}

/** The most telling line of a failure: Alembic's `FAILED:` line, else the exception line of a traceback. */
function lastFailureLine(output: string): string | null {
  const lines = output.split("\n").map((l) => l.trim()).filter(Boolean);
  const failed = lines.findLast((l) => l.startsWith("FAILED:"));
  if (failed) return failed.slice("FAILED:".length).trim();
  return lines.findLast((l) => /^[\w.]+(Error|Exception)\b/.test(l)) ?? null;
}

/**
 * Per-step status from what Alembic logged (`Running upgrade a -> b`) and the rows it left: a
 * step whose rows the table now shows was applied; the last one it started failed; earlier ones
 * it started were rolled back with it (Alembic runs one transaction per command on PostgreSQL).
 */
export function stepStatuses(plan: MigrationPlan, rowsAfter: string[], run: AlembicRun, cancelledBy: string | null = null): StepOutcome[] {
  const started = new Set<string>();
  for (const match of run.output.matchAll(/Running (upgrade|downgrade) (.*?) -> ([^,\s]*)/g)) {
    started.add(match[1] === "upgrade" ? match[3]! : match[2]!.trim());
  }
  const final = rowsAfter.join(",");
  let reached = -1;
  plan.steps.forEach((step, i) => {
    if (step.rowsAfter.join(",") === final) reached = i;
  });
  if (run.exitCode === 0 && reached === -1 && plan.steps.length > 0) reached = plan.steps.length - 1;
  const lastStarted = plan.steps.findLastIndex((s) => started.has(s.revision));
  return plan.steps.map((step, i): StepOutcome => {
    const outcome = { revision: step.revision, direction: step.direction, durationMs: 0 };
    if (i <= reached) return { ...outcome, status: "applied" };
    // Without Alembic's log lines there is no telling which step failed: claim none.
    if (run.exitCode !== 0 && started.size > 0 && i === Math.max(lastStarted, reached + 1)) {
      const error = cancelledBy ? { code: "cancelled", message: `cancelled by ${cancelledBy}` } : { code: "alembic", message: lastFailureLine(run.output) ?? "failed" };
      return { ...outcome, status: "failed", error };
    }
    if (started.has(step.revision)) return { ...outcome, status: "rolled-back" };
    return { ...outcome, status: "not-run" };
  });
}

function refused(options: AlembicRunOptions, code: string, message: string): AlembicResult {
  const rows = [...options.expectedRows].sort();
  return { ok: false, code, message, steps: options.plan.steps.map(notRun), rowsBefore: rows, rowsAfter: rows, output: "" };
}

function notRun(step: { revision: string; direction: "up" | "down" }): StepOutcome {
  return { revision: step.revision, direction: step.direction, status: "not-run", durationMs: 0 };
}


/**
 * Alembic wrote the version rows in its own process, so the digests follow in a transaction of
 * their own; a failure here never turns a finished run into a failed one (reads then report nothing).
 */
async function recordAlembicChecksums(conn: DbConnection, options: AlembicRunOptions, before: string[], after: string[]): Promise<void> {
  if (!options.checksums || before.join(",") === after.join(",")) return;
  try {
    await prepareChecksums(conn, options.target, options.checksums, after.length > 0);
    await conn.begin({ immediate: true });
    await transitionChecksums(conn, options.target, options.checksums, { before, after, action: "upgrade" });
    await conn.commit();
  } catch {
    await conn.rollback();
  }
}
