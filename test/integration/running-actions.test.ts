// A waiting action is reported as waiting, with who blocks it, and can be cancelled; lock and
// statement timeouts end a wait instead of letting it hang.
import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MigrationPlan, RevisionSource } from "../../lib/core/types";
import { listRuns } from "../../lib/server/audit/read";
import { configFromObject } from "../../lib/server/config";
import { connector } from "../../lib/server/db/connect";
import { closeAllPools } from "../../lib/server/pg";
import { cancelRun, runningActionsOf } from "../../lib/server/runs/cancel";
import { executeMigrationPlan, type ExecutionResult } from "../../lib/server/sql-executor";
import { createTarget, sleepSql, type BackendKind, type TestTarget } from "../backends";
import type { RunningActionView } from "../../lib/core/view/view-types";

const source = (revision: string, downRevisions: string[], up: string): RevisionSource => ({
  revision, downRevisions, dependsOn: [], branchLabels: [], message: revision, longDoc: revision,
  createDate: null, path: `${revision}.sql`, format: "sql", sql: { up, down: "", transactional: true, upLine: 5 },
});
function twoSteps(second: string) {
  const sources = new Map([["r1", source("r1", [], "CREATE TABLE t0 (id int)")], ["r2", source("r2", ["r1"], second)]]);
  const plan: MigrationPlan = { kind: "upgrade", target: "head", before: [], after: ["r2"], notes: [], steps: [
    { revision: "r1", direction: "up", versionOps: [{ op: "insert", revision: "r1" }], rowsAfter: ["r1"] },
    { revision: "r2", direction: "up", versionOps: [{ op: "update", from: "r1", to: "r2" }], rowsAfter: ["r2"] },
  ] };
  return { plan, sources };
}
const operator = { name: "olga", role: "operator" as const };
const viewer = { name: "vic", role: "viewer" as const };

async function until<T>(probe: () => Promise<T | null | undefined>, what: string, ms = 15_000): Promise<T> {
  for (let waited = 0; waited < ms; waited += 50) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let db: TestTarget;
afterEach(async () => {
  await closeAllPools();
  await db?.drop();
});
afterAll(closeAllPools);

function run(kind: BackendKind, second: string, timeouts: { lockTimeoutMs?: number; statementTimeoutMs?: number } = {}): Promise<ExecutionResult> {
  const { plan, sources } = twoSteps(second);
  return executeMigrationPlan({ connection: connector(db.url, { create: true, ...timeouts }), target: { table: "alembic_version" }, expectedRows: [],
    transactionMode: "per-step", actor: "alice", plan, sources, audit: { environment: kind } });
}

/** A second session that holds a lock on t1 until released. */
async function blocker(kind: BackendKind): Promise<{ release(): Promise<void> }> {
  if (kind === "postgresql") {
    const client = new pg.Client({ connectionString: db.url, application_name: "nightly report" });
    await client.connect();
    await client.query("BEGIN");
    await client.query("LOCK TABLE t1 IN ACCESS SHARE MODE");
    return { release: async () => void (await client.query("ROLLBACK"), await client.end()) };
  }
  const url = new URL(db.url);
  const connection = await mysql.createConnection({ host: url.hostname, port: Number(url.port), user: url.username, database: url.pathname.slice(1) });
  await connection.query("START TRANSACTION");
  await connection.query("SELECT * FROM t1");
  return { release: async () => void (await connection.query("ROLLBACK"), await connection.end()) };
}

describe.each(["postgresql", "mysql"] as const)("a step waiting for a lock on %s", (kind) => {
  beforeEach(async () => {
    db = await createTarget(kind, "wait");
    await db.query("CREATE TABLE t1 (id int)");
  });

  it("is shown waiting on its blocker, and a cancel stops it with the rows at the last good revision", async () => {
    const hold = await blocker(kind);
    let done: ExecutionResult;
    try {
      const result = run(kind, "ALTER TABLE t1 ADD COLUMN x int", { lockTimeoutMs: 60_000 });
      const waiting = await until(async () => (await runningActionsOf({ env: kind })).find((r) => r.waiting), "the step to wait");
      expect(waiting).toMatchObject({ action: "upgrade", actor: "alice", step: "r2", cancellable: true });
      expect(waiting.waiting!.blockedBy).toContain(kind === "postgresql" ? '"nightly report"' : "transaction open since");
      expect(await cancelRun({ actor: viewer, input: { env: kind, runId: waiting.runId } })).toMatchObject({ ok: false, code: "forbidden:cancel" });
      expect(await cancelRun({ actor: operator, input: { env: kind, runId: "not-a-uuid" } })).toMatchObject({ ok: false, code: "invalid:input" });
      expect(await cancelRun({ actor: operator, input: { env: kind, runId: waiting.runId } })).toEqual({ ok: true, data: { runId: waiting.runId, cancelledBy: "olga" } });
      done = await result;
    } finally {
      await hold.release();
    }
    expect(done).toMatchObject({ ok: false, code: "cancelled", rowsAfter: ["r1"] });
    expect(done.steps[1]).toMatchObject({ status: "failed", error: { code: "cancelled" } });
    expect(done.message).toContain("cancelled by olga");
    expect(await runningActionsOf({ env: kind })).toEqual([]);
    const environments = configFromObject({ projects: [{ name: "p", dir: "m" }], environments: [{ name: kind, project: "p", url: db.url }] }, { baseDir: "/", env: {} });
    if (!environments.ok) throw new Error("config");
    const { runs } = await listRuns({ environments: environments.config.environments });
    expect(runs[0]).toMatchObject({ status: "failed", error: expect.stringContaining("cancelled by olga") });
  });

  it("gives up after the environment's lock timeout instead of waiting without limit", async () => {
    const hold = await blocker(kind);
    const startedAt = Date.now();
    const result = await run(kind, "ALTER TABLE t1 ADD COLUMN x int", { lockTimeoutMs: 1_000 }).finally(() => hold.release());
    expect(Date.now() - startedAt).toBeLessThan(8_000);
    expect(result).toMatchObject({ ok: false, code: "step-failed", rowsAfter: ["r1"] });
    expect(result.steps[1]!.error!.code).toBe(kind === "postgresql" ? "55P03" : "ER_LOCK_WAIT_TIMEOUT");
  });

  it("stops a statement that runs past the environment's statement timeout", async () => {
    const result = await run(kind, sleepSql(kind, 10), { statementTimeoutMs: 500 });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: false, code: "step-failed", rowsAfter: ["r1"] });
    expect(result.steps[1]!.error, JSON.stringify(result.steps[1])).toMatchObject({ code: kind === "postgresql" ? "57014" : "ER_STATEMENT_TIMEOUT" });
  });
});

describe("SQLite", () => {
  beforeEach(async () => {
    db = await createTarget("sqlite", "wait");
  });

  it("stops between statements when cancelled, and undoes the step", async () => {
    const slow = Array.from({ length: 6 }, () => `${sleepSql("sqlite", 0.3)};`).join("\n");
    const result = run("sqlite", `CREATE TABLE t2 (id int);\n${slow}`);
    const running = await until<RunningActionView>(async () => (await runningActionsOf({ env: "sqlite" })).find((r) => r.step === "r2"), "r2 to start");
    expect(await cancelRun({ actor: { name: "alice", role: "viewer" }, input: { env: "sqlite", runId: running.runId } })).toMatchObject({ ok: true });
    const done = await result;
    expect(done).toMatchObject({ ok: false, code: "cancelled", rowsAfter: ["r1"] });
    const file = new Database(db.url.replace("sqlite:///", ""));
    expect(file.prepare("SELECT name FROM sqlite_master WHERE name = 't2'").all()).toEqual([]);
    file.close();
  });
});
