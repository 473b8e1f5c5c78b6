import "server-only";
import type pg from "pg";
import type { MigrationPlan } from "../../core/types";
import { ensureAuditTable, insertAuditRecord } from "../audit";
import { tryAdvisoryLock } from "../lock";
import { dedicatedConnection, leaseConnection, sanitizeDbError, secretsOf, type ConnectionLease } from "../pg";
import type { VersionTableTarget } from "../sql-identifiers";
import { readVersionRows } from "../version-table";
import type { AlembicCommand } from "./alembic-command";
import { runAlembicProcess, type AlembicRun } from "./alembic-process";
import type { StepOutcome } from "./views";

// Upgrades and downgrades of Alembic projects run the real `alembic`, under the same advisory
// lock the SQL executors take, after the same re-read and comparison of the version rows.
// Afterwards the rows are read again and compared with what the plan promised.

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
}

export interface AlembicRunOptions {
  /** The database: its display name (environment or "--url") and URL (never shown). */
  database: { name: string; url: string };
  target: VersionTableTarget;
  command: AlembicCommand;
  plan: MigrationPlan;
  expectedRows: string[];
  actor: string;
}

export async function runAlembicPlan(options: AlembicRunOptions): Promise<AlembicResult> {
  const url = options.database.url;
  const secrets = secretsOf(url);
  let lease: ConnectionLease;
  try {
    // A fresh connection, never a pooled one: a run waiting for a pool slot would see the lock free too late.
    lease = await leaseConnection(dedicatedConnection({ connectionString: url, connectionTimeoutMs: 10_000 }));
  } catch (error) {
    return refused(options, "connection", `Could not connect to the database: ${sanitizeDbError(error, secrets).message}`);
  }
  const { client } = lease;
  try {
    const holder = `${options.actor} alembic ${options.plan.kind} ${options.plan.target}`;
    const lock = await tryAdvisoryLock(client, { key: await lockKey(client, options.target), holder });
    if (!lock.ok) {
      const message = `The version table is locked by "${lock.heldBy}"${lock.since ? ` (connected since ${lock.since})` : ""}; nothing was run`;
      return { ...refused(options, "locked", message), heldBy: lock.heldBy, since: lock.since };
    }
    try {
      return await runLocked(client, options, url, secrets);
    } finally {
      await lock.release().catch(() => undefined);
    }
  } catch (error) {
    return refused(options, "internal", sanitizeDbError(error, secrets).message);
  } finally {
    await lease.release();
  }
}

async function runLocked(client: pg.ClientBase, options: AlembicRunOptions, url: string, secrets: string[]): Promise<AlembicResult> {
  const rowsBefore = (await readVersionRows(client, options.target)).rows.sort();
  const expected = [...new Set(options.expectedRows)].sort();
  if (expected.join(",") !== rowsBefore.join(",")) {
    const message = `The version table changed since the preview: expected [${expected.join(", ")}], found [${rowsBefore.join(", ")}]; nothing was run`;
    return { ok: false, code: "rows-changed", message, steps: options.plan.steps.map(notRun), rowsBefore, rowsAfter: rowsBefore, output: "" };
  }
  const startedAt = new Date();
  const run = await runAlembicProcess({
    command: options.command,
    alembicArgs: [options.plan.kind, options.plan.target],
    url,
    versionTable: { table: options.target.table, schema: options.target.schema ?? null },
    secrets,
  });
  const rowsAfter = (await readVersionRows(client, options.target)).rows.sort();
  const steps = stepStatuses(options.plan, rowsAfter, run);
  const result = summarize(options, run, rowsBefore, rowsAfter, steps);
  await recordRun(client, options, result, startedAt);
  return result;
}

function summarize(options: AlembicRunOptions, run: AlembicRun, rowsBefore: string[], rowsAfter: string[], steps: StepOutcome[]): AlembicResult {
  const base = { steps, rowsBefore, rowsAfter, output: run.output };
  if (run.exitCode === 0) return { ok: true, ...base };
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
export function stepStatuses(plan: MigrationPlan, rowsAfter: string[], run: AlembicRun): StepOutcome[] {
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
      return { ...outcome, status: "failed", error: { code: "alembic", message: lastFailureLine(run.output) ?? "failed" } };
    }
    if (started.has(step.revision)) return { ...outcome, status: "rolled-back" };
    return { ...outcome, status: "not-run" };
  });
}

async function recordRun(client: pg.ClientBase, options: AlembicRunOptions, result: AlembicResult, startedAt: Date): Promise<void> {
  try {
    await client.query("BEGIN");
    await ensureAuditTable(client);
    await insertAuditRecord(client, {
      at: startedAt.toISOString(),
      actor: options.actor,
      environment: options.database.name,
      action: options.plan.kind,
      target: options.plan.target,
      rowsBefore: result.rowsBefore,
      rowsAfter: result.rowsAfter,
      steps: result.steps.map((s) => ({ ...s, executor: "alembic" })),
      result: result.ok ? "applied" : "failed",
      durationMs: Date.now() - startedAt.getTime(),
      error: result.ok ? null : `${result.code}: ${result.message}`,
    });
    await client.query("COMMIT");
  } catch {
    await client.query("ROLLBACK").catch(() => undefined);
  }
}

async function lockKey(client: pg.ClientBase, target: VersionTableTarget): Promise<string> {
  // The key sql-executor.ts uses, so Retort's SQL runs and Alembic runs exclude each other.
  const schema = target.schema || (await client.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]?.s;
  return `retort:${schema ?? ""}.${target.table}`;
}

function refused(options: AlembicRunOptions, code: string, message: string): AlembicResult {
  const rows = [...options.expectedRows].sort();
  return { ok: false, code, message, steps: options.plan.steps.map(notRun), rowsBefore: rows, rowsAfter: rows, output: "" };
}

function notRun(step: { revision: string; direction: "up" | "down" }): StepOutcome {
  return { revision: step.revision, direction: step.direction, status: "not-run", durationMs: 0 };
}

