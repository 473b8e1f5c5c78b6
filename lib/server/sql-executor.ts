import "server-only";
import type pg from "pg";
import type { Direction, MigrationPlan, PlanStep, RevisionSource, StampPlan } from "../core/types";
import type { AuditEntry, AuditSink } from "./audit-types";
import { tryAdvisoryLock } from "./lock";
import { connectionStringOf, leaseConnection, sanitizeDbError, secretsOf, type ConnectionLease, type ConnectionSource, type DbErrorInfo } from "./pg";
import { splitSqlStatements } from "../core/parse-sql";
import { InvalidIdentifierError, validateIdentifier, type VersionTableTarget } from "./sql-identifiers";
import { applyVersionOps, ensureVersionTable, purgeVersionTable, readVersionRows, VersionTableError } from "./version-table";

export type ExecutionCode =
  | "locked" // another Retort run holds this version table's lock
  | "rows-changed" // the version rows differ from what the user previewed
  | "step-failed" // a migration failed; earlier steps stay applied (per-step) or were rolled back
  | "not-rehearsable" // rehearsal reached a step that cannot run inside a transaction
  | "stamp-failed"
  | "version-table" // the version table could not be created (e.g. its schema is missing)
  | "missing-sql" // a planned revision has no native SQL to run
  | "invalid-target" // table or schema name is not a plain identifier
  | "connection" // could not connect, or the connection died mid-run
  | "internal";

export type StepStatus = "applied" | "failed" | "not-run" | "rolled-back" | "rehearsed";

export interface StepResult {
  revision: string;
  direction: Direction;
  /** "rolled-back": it ran, but the single transaction it was in was undone; "rehearsed": ran, then rolled back on purpose. */
  status: StepStatus;
  durationMs: number;
  /** The database's own message with its SQLSTATE as `code`; URLs, hosts and users removed. */
  error?: DbErrorInfo;
}

export interface ExecutionResult {
  ok: boolean;
  code?: ExecutionCode;
  message?: string;
  /** Execution order; empty for a stamp. */
  steps: StepResult[];
  /**
   * Version rows read under the lock before anything ran, sorted. When the run was refused before
   * any read (bad identifiers, missing SQL, no connection) both lists echo the previewed rows.
   */
  rowsBefore: string[];
  /** Version rows re-read at the end, sorted. */
  rowsAfter: string[];
  /** `locked`: who holds the lock and since when (their connection's start). */
  heldBy?: string;
  since?: string | null;
  /** Rehearsal only: the rows inside the rehearsal transaction, just before its rollback. */
  rehearsedRows?: string[];
}

interface CommonOptions {
  connection: ConnectionSource;
  target: VersionTableTarget;
  /** The rows the user saw when they approved the plan; anything else is refused. */
  expectedRows: readonly string[];
  actor: string;
  audit?: AuditSink;
}

export interface MigrationOptions extends CommonOptions {
  plan: MigrationPlan;
  sources: ReadonlyMap<string, RevisionSource>;
  /** "per-step": each migration commits with its version rows; "single": one transaction where possible. */
  transactionMode: "per-step" | "single";
}

export type RehearsalOptions = Omit<MigrationOptions, "transactionMode" | "audit">;

export interface StampOptions extends CommonOptions {
  plan: StampPlan;
}

/** What a locked session hands to the work it guards. */
interface Session {
  client: pg.ClientBase;
  target: VersionTableTarget;
  rowsBefore: string[];
  secrets: string[];
}

type Outcome = Omit<ExecutionResult, "rowsBefore" | "rowsAfter">;

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

/** Runs every step inside one transaction, then rolls it all back. Leaves no trace. */
export function rehearseMigrationPlan(options: RehearsalOptions): Promise<ExecutionResult> {
  const { plan, actor } = options;
  const invalid = checkSources(plan, options.sources);
  if (invalid) return Promise.resolve(refusal(invalid, options.expectedRows));
  return withLockedSession(options, `${actor} rehearse ${plan.kind} ${plan.target}`, (session) =>
    rehearseSteps(session, options),
  );
}

/** Writes a stamp's version rows in one transaction; no migration runs. */
export function executeStampPlan(options: StampOptions): Promise<ExecutionResult> {
  const { plan, actor } = options;
  return withLockedSession(options, `${actor} stamp ${plan.targets.join(" ")}`, async (session) => {
    const { client, target } = session;
    const startedAt = new Date();
    try {
      await client.query("BEGIN");
      if (plan.purge || session.rowsBefore.length === 0) await ensureVersionTable(client, target);
      if (plan.purge) await purgeVersionTable(client, target);
      await applyVersionOps(client, target, plan.ops);
      await options.audit?.record(client, stampEntry(options, session, startedAt, "applied"));
      await client.query("COMMIT");
      return { ok: true, steps: [] };
    } catch (error) {
      await rollbackQuietly(client);
      const info = describeError(error, session.secrets);
      await recordFailure(client, options.audit, { ...stampEntry(options, session, startedAt, "failed"), error: info });
      return { ok: false, code: "stamp-failed", message: info.message, steps: [] };
    }
  });
}

function checkSources(plan: MigrationPlan, sources: ReadonlyMap<string, RevisionSource>): Outcome | null {
  const missing = plan.steps.filter((step) => !sources.get(step.revision)?.sql).map((step) => step.revision);
  if (missing.length === 0) return null;
  return {
    ok: false,
    code: "missing-sql",
    message: `No native SQL found for ${missing.join(", ")}; Python revisions run through the alembic command`,
    steps: plan.steps.map(notRun),
  };
}

// ---- the session: one connection, the lock, the re-read, the comparison ----------------------

async function withLockedSession(
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

// ---- running migration steps ------------------------------------------------------------------

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

// ---- small helpers ------------------------------------------------------------------------------

function stepSql(sources: ReadonlyMap<string, RevisionSource>, step: PlanStep) {
  const sql = sources.get(step.revision)?.sql;
  if (!sql) throw new Error(`no SQL for ${step.revision}`); // checked before the run starts
  return { body: step.direction === "up" ? sql.up : sql.down, transactional: sql.transactional };
}

async function runBody(client: pg.ClientBase, body: string): Promise<void> {
  // No parameters: pg uses the simple protocol, which accepts several statements at once.
  if (splitSqlStatements(body).length > 0) await client.query(body);
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

function stampEntry(options: StampOptions, session: Session, startedAt: Date, status: AuditEntry["status"]): AuditEntry {
  const { plan } = options;
  return {
    action: "stamp",
    actor: options.actor,
    target: plan.targets.join(" "),
    versionTable: { table: session.target.table, schema: session.target.schema ?? null },
    revision: null,
    direction: null,
    versionOps: plan.ops,
    rowsBefore: [...session.rowsBefore],
    rowsAfter: status === "applied" ? [...plan.after] : [...session.rowsBefore],
    status,
    startedAt: startedAt.toISOString(),
    durationMs: elapsed(startedAt),
  };
}

/** Failures are recorded after the rollback, on their own; a dead connection records nothing. */
async function recordFailure(client: pg.ClientBase, audit: AuditSink | undefined, entry: AuditEntry) {
  if (!audit) return;
  try {
    await client.query("BEGIN");
    await audit.record(client, entry);
    await client.query("COMMIT");
  } catch {
    await rollbackQuietly(client);
  }
}

async function rollbackQuietly(client: pg.ClientBase): Promise<void> {
  await client.query("ROLLBACK").catch(() => undefined);
}

function describeError(error: unknown, secrets: string[]): DbErrorInfo {
  if (error instanceof VersionTableError) return { code: error.code, message: error.message };
  return sanitizeDbError(error, secrets);
}

function unexpected(error: unknown, secrets: string[], broken: boolean): Outcome {
  const info = describeError(error, secrets);
  const lost = broken || ["57P01", "57P02", "57P03", "08006", "ECONNRESET", "ETIMEDOUT"].includes(info.code);
  return { ok: false, code: lost ? "connection" : "internal", message: info.message, steps: [] };
}

function refusal(outcome: Outcome, rows: readonly string[]): ExecutionResult {
  return { ...outcome, rowsBefore: [...rows].sort(), rowsAfter: [...rows].sort() };
}

function notRun(step: PlanStep): StepResult {
  return { revision: step.revision, direction: step.direction, status: "not-run", durationMs: 0 };
}

function elapsed(startedAt: Date): number {
  return Date.now() - startedAt.getTime();
}
