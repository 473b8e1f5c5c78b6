import "server-only";
import type pg from "pg";
import type { AuditEntry, AuditSink } from "../audit-types";
import { tryAdvisoryLock } from "../lock";
import { connectionStringOf, leaseConnection, sanitizeDbError, secretsOf, type ConnectionLease, type DbErrorInfo } from "../pg";
import { InvalidIdentifierError, validateIdentifier, type VersionTableTarget } from "../sql-identifiers";
import { readVersionRows, VersionTableError } from "../version-table";
import type { CommonOptions, ExecutionResult, Outcome, Session } from "./types";

// One connection, the advisory lock, the re-read and the comparison with the preview; every
// failure, expected or not, comes back as an ExecutionResult.

export async function withLockedSession(
  options: CommonOptions,
  holder: string,
  work: (session: Session) => Promise<Outcome>,
): Promise<ExecutionResult> {
  const secrets = secretsOf(connectionStringOf(options.connection));
  const expected = [...options.expectedRows].sort();
  try {
    validateIdentifier(options.target.table, "version table name");
    if (options.target.schema) validateIdentifier(options.target.schema, "version table schema");
  } catch (error) {
    const message = error instanceof InvalidIdentifierError ? error.message : String(error);
    return refusal({ ok: false, code: "invalid-target", message, steps: [] }, expected);
  }
  let lease: ConnectionLease;
  try {
    lease = await leaseConnection(options.connection);
  } catch (error) {
    const message = `Could not connect to the database: ${describeError(error, secrets).message}`;
    return refusal({ ok: false, code: "connection", message, steps: [] }, expected);
  }
  return runLeased(lease, options, holder, secrets, work);
}

async function runLeased(
  lease: ConnectionLease,
  options: CommonOptions,
  holder: string,
  secrets: string[],
  work: (session: Session) => Promise<Outcome>,
): Promise<ExecutionResult> {
  const { client } = lease;
  let broken = false;
  const onError = () => void (broken = true); // a checked-out pg client without a listener crashes the process
  client.on("error", onError);
  let release: (() => Promise<void>) | null = null;
  let rowsBefore: string[] = [];
  let outcome: Outcome;
  try {
    const lock = await tryAdvisoryLock(client, { key: await lockKey(client, options.target), holder });
    if (!lock.ok) {
      const message = `The version table is locked by "${lock.heldBy}"${lock.since ? ` (connected since ${lock.since})` : ""}; nothing was run`;
      outcome = { ok: false, code: "locked", message, heldBy: lock.heldBy, since: lock.since, steps: [] };
    } else {
      release = lock.release;
      rowsBefore = (await readVersionRows(client, options.target)).rows.sort();
      outcome = await checkedWork(rowsBefore, options, (session) => work({ ...session, client, secrets }));
    }
  } catch (error) {
    outcome = unexpected(error, secrets, broken);
  }
  const { rowsAfter, discarded } = await finish(lease, options, { broken, release, fallback: rowsBefore });
  // A discarded client may still emit errors; a pooled one gets the pool's own listener back.
  if (!discarded) client.removeListener("error", onError);
  // Refused before reading under the lock: the rows as they are now are the best "before" there is.
  return { ...outcome, rowsBefore: release ? rowsBefore : rowsAfter, rowsAfter };
}

async function checkedWork(
  rowsBefore: string[],
  options: CommonOptions,
  work: (session: Omit<Session, "client" | "secrets">) => Promise<Outcome>,
): Promise<Outcome> {
  const expected = [...new Set(options.expectedRows)].sort();
  const found = [...new Set(rowsBefore)].sort();
  if (expected.join("\n") !== found.join("\n")) {
    const message =
      `The version table changed since the preview: expected [${expected.join(", ")}], ` +
      `found [${found.join(", ")}]; nothing was run`;
    return { ok: false, code: "rows-changed", message, steps: [] };
  }
  try {
    return await work({ target: options.target, rowsBefore });
  } catch (error) {
    if (error instanceof VersionTableError) return { ok: false, code: "version-table", message: error.message, steps: [] };
    throw error;
  }
}

/** Unlock, re-read the rows, give the connection back (or discard it if it may be unusable). */
async function finish(
  lease: ConnectionLease,
  options: CommonOptions,
  state: { broken: boolean; release: (() => Promise<void>) | null; fallback: string[] },
): Promise<{ rowsAfter: string[]; discarded: boolean }> {
  let discard = state.broken;
  let rowsAfter: string[] | null = null;
  try {
    if (!discard) rowsAfter = (await readVersionRows(lease.client, options.target)).rows.sort();
    if (!discard && state.release) await state.release();
  } catch {
    // Closing the connection is what frees a session lock we could not release.
    discard = true;
  }
  await lease.release(discard).catch(() => undefined);
  rowsAfter ??= (await rereadOnFreshConnection(options)) ?? state.fallback;
  return { rowsAfter, discarded: discard };
}

async function rereadOnFreshConnection(options: CommonOptions): Promise<string[] | null> {
  try {
    const lease = await leaseConnection(options.connection);
    try {
      return (await readVersionRows(lease.client, options.target)).rows.sort();
    } finally {
      await lease.release().catch(() => undefined);
    }
  } catch {
    return null;
  }
}

async function lockKey(client: pg.ClientBase, target: VersionTableTarget): Promise<string> {
  // Without a schema, Alembic's table lives in the first schema of the search_path.
  const schema = target.schema || (await client.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]?.s;
  return `retort:${schema ?? ""}.${target.table}`;
}

/** Failures are recorded after the rollback, on their own; a dead connection records nothing. */
export async function recordFailure(client: pg.ClientBase, audit: AuditSink | undefined, entry: AuditEntry) {
  if (!audit) return;
  try {
    await client.query("BEGIN");
    await audit.record(client, entry);
    await client.query("COMMIT");
  } catch {
    await rollbackQuietly(client);
  }
}

export async function rollbackQuietly(client: pg.ClientBase): Promise<void> {
  await client.query("ROLLBACK").catch(() => undefined);
}

export function describeError(error: unknown, secrets: string[]): DbErrorInfo {
  if (error instanceof VersionTableError) return { code: error.code, message: error.message };
  return sanitizeDbError(error, secrets);
}

function unexpected(error: unknown, secrets: string[], broken: boolean): Outcome {
  const info = describeError(error, secrets);
  const lost = broken || ["57P01", "57P02", "57P03", "08006", "ECONNRESET", "ETIMEDOUT"].includes(info.code);
  return { ok: false, code: lost ? "connection" : "internal", message: info.message, steps: [] };
}

export function refusal(outcome: Outcome, rows: readonly string[]): ExecutionResult {
  return { ...outcome, rowsBefore: [...rows].sort(), rowsAfter: [...rows].sort() };
}
