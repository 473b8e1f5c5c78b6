import "server-only";
import type { AuditStep, RunStatus } from "../audit/types";
import { dialectOf } from "../db/dialects";
import { DbError, isConnectionLost, sanitizeDbError } from "../db/errors";
import type { Dialect } from "../db/dialect";
import type { DbConnection, DbErrorInfo, VersionTableTarget } from "../db/types";
import { readVersionRows, VersionTableError } from "../db/version-table";
import { registerRun, type RunHandle, untrackedRun } from "../runs/registry";
import { InvalidIdentifierError, validateIdentifier } from "../sql-identifiers";
import { RunJournal } from "./journal";
import type { AuditAction } from "../audit/types";
import type { CommonOptions, ExecutionResult, Outcome } from "./types";

/** What a locked session hands to the work it guards. */
export interface Session {
  conn: DbConnection;
  dialect: Dialect;
  target: VersionTableTarget;
  rowsBefore: string[];
  secrets: readonly string[];
  journal: RunJournal;
  run: RunHandle;
}

// One connection, the run lock, the re-read and the comparison with the preview, the audit
// record from start to end; every failure, expected or not, comes back as an ExecutionResult.

export interface SessionWork {
  action: AuditAction;
  /** What the user asked for, for the lock holder's name and the audit record. */
  target: string;
  /** The audit steps before anything ran. */
  plannedSteps: AuditStep[];
  run(session: Session): Promise<Outcome>;
  /** The audit view of the steps as they ended. */
  finalSteps(outcome: Outcome): AuditStep[];
  /** The run's status when its outcome is ok (applied; rehearsed for a rehearsal). */
  okStatus?: RunStatus;
  /** A refusal decided by the backend alone, before the lock is taken and anything is recorded. */
  precheck?(dialect: Dialect): Outcome | null;
}

export async function withLockedSession(options: CommonOptions, work: SessionWork): Promise<ExecutionResult> {
  const secrets = options.secrets ?? [];
  try {
    validateIdentifier(options.target.table, "version table name");
    if (options.target.schema) validateIdentifier(options.target.schema, "version table schema");
  } catch (error) {
    const message = error instanceof InvalidIdentifierError ? error.message : String(error);
    return refusal({ ok: false, code: "invalid-target", message, steps: [] }, options.expectedRows);
  }
  let conn: DbConnection;
  try {
    conn = await options.connection();
  } catch (error) {
    const message = `Could not connect to the database: ${describeError(error, secrets).message}`;
    return refusal({ ok: false, code: "connection", message, steps: [] }, options.expectedRows);
  }
  try {
    return await runConnected(conn, options, work);
  } finally {
    await conn.close();
  }
}

async function runConnected(conn: DbConnection, options: CommonOptions, work: SessionWork): Promise<ExecutionResult> {
  const dialect = dialectOf(conn);
  const secrets = options.secrets ?? [];
  const expected = [...options.expectedRows].sort();
  try {
    await dialect.checkTarget(conn, options.target);
  } catch (error) {
    return refusal({ ok: false, code: "invalid-target", message: describeError(error, secrets).message, steps: [] }, expected);
  }
  const refused = work.precheck?.(dialect);
  if (refused) return refusal(refused, expected);
  const holder = `${options.actor} ${work.action} ${work.target}`;
  let lock;
  try {
    lock = await dialect.tryLock(conn, options.target, holder);
  } catch (error) {
    return refusal(unexpected(error, secrets, conn), expected);
  }
  if (!lock.ok) {
    const message = `The version table is locked by "${lock.heldBy}"${lock.since ? ` (since ${lock.since})` : ""}; nothing was run`;
    return refusal({ ok: false, code: "locked", message, heldBy: lock.heldBy, since: lock.since, steps: [] }, expected);
  }
  try {
    return await runLocked(conn, options, work);
  } finally {
    if (!conn.broken) await lock.release().catch(() => undefined);
  }
}

async function runLocked(conn: DbConnection, options: CommonOptions, work: SessionWork): Promise<ExecutionResult> {
  const secrets = options.secrets ?? [];
  const journal = new RunJournal(options.audit, { actor: options.actor, action: work.action, target: work.target, versionTable: options.target });
  let rowsBefore: string[];
  try {
    rowsBefore = (await readVersionRows(conn, options.target)).rows.sort();
  } catch (error) {
    return refusal(unexpected(error, secrets, conn), options.expectedRows);
  }
  const changed = rowsChanged(options.expectedRows, rowsBefore);
  if (changed) return { ...changed, rowsBefore, rowsAfter: rowsBefore };
  try {
    await journal.start(conn, rowsBefore, work.plannedSteps);
  } catch (error) {
    const message = `Could not write the audit record, so nothing was run: ${describeError(error, secrets).message}`;
    return { ok: false, code: "audit", message, steps: [], rowsBefore, rowsAfter: rowsBefore };
  }
  const run = options.audit
    ? registerRun({ runId: journal.id, environment: options.audit.environment, action: work.action, actor: options.actor, target: work.target, startedAt: new Date().toISOString() }, conn)
    : untrackedRun;
  let outcome: Outcome;
  try {
    outcome = await work.run({ conn, dialect: dialectOf(conn), target: options.target, rowsBefore, secrets, journal, run });
  } catch (error) {
    await conn.rollback();
    outcome = error instanceof VersionTableError
      ? { ok: false, code: "version-table", message: error.message, steps: [] }
      : unexpected(error, secrets, conn);
  } finally {
    run.done();
  }
  const rowsAfter = await finish(conn, options, journal, { outcome, work, fallback: rowsBefore });
  return { ...outcome, rowsBefore, rowsAfter, ...(journal.recording ? { runId: journal.id } : {}) };
}

function rowsChanged(expectedRows: readonly string[], rowsBefore: string[]): Outcome | null {
  const expected = [...new Set(expectedRows)].sort();
  const found = [...new Set(rowsBefore)].sort();
  if (expected.join("\n") === found.join("\n")) return null;
  const message = `The version table changed since the preview: expected [${expected.join(", ")}], found [${found.join(", ")}]; nothing was run`;
  return { ok: false, code: "rows-changed", message, steps: [] };
}

/** Re-reads the rows (on a fresh connection if this one died) and writes the run's final record. */
async function finish(conn: DbConnection, options: CommonOptions, journal: RunJournal, state: { outcome: Outcome; work: SessionWork; fallback: string[] }): Promise<string[]> {
  const { outcome, work } = state;
  const status: RunStatus = outcome.ok ? (work.okStatus ?? "applied") : "failed";
  const end = (rowsAfter: string[]) => ({ status, steps: work.finalSteps(outcome), rowsAfter, error: outcome.ok ? null : `${outcome.code}: ${outcome.message}` });
  if (!conn.broken) {
    try {
      const rowsAfter = (await readVersionRows(conn, options.target)).rows.sort();
      await journal.finish(conn, end(rowsAfter));
      return rowsAfter;
    } catch {
      // Fall through to a fresh connection.
    }
  }
  let fresh: DbConnection | null = null;
  try {
    fresh = await options.connection();
    const rowsAfter = (await readVersionRows(fresh, options.target)).rows.sort();
    await journal.finish(fresh, end(rowsAfter));
    return rowsAfter;
  } catch {
    return state.fallback;
  } finally {
    await fresh?.close();
  }
}

export function describeError(error: unknown, secrets: readonly string[]): DbErrorInfo {
  if (error instanceof VersionTableError) return { code: error.code, message: error.message };
  if (error instanceof InvalidIdentifierError) return { code: error.code, message: error.message };
  if (error instanceof DbError) return { code: error.code, message: sanitizeDbError(error, secrets).message };
  return sanitizeDbError(error, secrets);
}

function unexpected(error: unknown, secrets: readonly string[], conn: DbConnection): Outcome {
  const info = describeError(error, secrets);
  const lost = conn.broken || isConnectionLost(info.code);
  return { ok: false, code: lost ? "connection" : "internal", message: info.message, steps: [] };
}

export function refusal(outcome: Outcome, rows: readonly string[]): ExecutionResult {
  return { ...outcome, rowsBefore: [...rows].sort(), rowsAfter: [...rows].sort() };
}

/** "SQLSTATE 42P01" for PostgreSQL's five-character codes, the driver's code otherwise. */
export function codeLabel(code: string): string {
  return /^[0-9A-Z]{5}$/.test(code) ? `SQLSTATE ${code}` : code;
}
