import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MigrationPlan, PlanStep, RevisionSource, StampPlan, VersionOp } from "../../lib/core/types";
import { connector } from "../../lib/server/db/connect";
import { closeAllPools } from "../../lib/server/pg";
import { executeMigrationPlan, executeStampPlan, rehearseMigrationPlan, type MigrationOptions } from "../../lib/server/sql-executor";
import { createTestDatabase, query, tableExists, versionRows, withClient, type TestDatabase } from "../db";

// ---- plans built by hand: steps in order, each with the version ops that follow its SQL -------

function source(revision: string, downRevisions: string[], up: string, down = "", transactional = true): RevisionSource {
  return {
    revision, downRevisions, dependsOn: [], branchLabels: [], message: revision, longDoc: revision,
    createDate: null, path: `${revision}.sql`, format: "sql", sql: { up, down, transactional },
  };
}

function step(revision: string, versionOps: VersionOp[], rowsAfter: string[]): PlanStep {
  return { revision, direction: "up", versionOps, rowsAfter };
}

/** r1 -> r2 -> r3 from an empty table, with the given bodies. */
function linearUpgrade(bodies: [string, string, string], transactional = [true, true, true]) {
  const sources = new Map([
    ["r1", source("r1", [], bodies[0], "", transactional[0])],
    ["r2", source("r2", ["r1"], bodies[1], "", transactional[1])],
    ["r3", source("r3", ["r2"], bodies[2], "", transactional[2])],
  ]);
  const plan: MigrationPlan = {
    kind: "upgrade", target: "head", before: [], after: ["r3"], notes: [],
    steps: [
      step("r1", [{ op: "insert", revision: "r1" }], ["r1"]),
      step("r2", [{ op: "update", from: "r1", to: "r2" }], ["r2"]),
      step("r3", [{ op: "update", from: "r2", to: "r3" }], ["r3"]),
    ],
  };
  return { plan, sources };
}

const FAILS = "CREATE TABLE t2 (id int); INSERT INTO no_such_table VALUES (1)";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase("exec");
});
afterEach(async () => {
  await closeAllPools();
  await db.drop();
});
afterAll(closeAllPools);

function options(overrides: Partial<MigrationOptions> & Pick<MigrationOptions, "plan" | "sources">): MigrationOptions {
  return {
    connection: connector(db.url),
    target: { table: "alembic_version" },
    expectedRows: [],
    transactionMode: "per-step",
    actor: "alice",
    ...overrides,
  };
}

const statuses = (result: { steps: { status: string }[] }) => result.steps.map((s) => s.status);

describe("executeMigrationPlan", () => {
  it("applies every step and writes the rows as Alembic would", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", "CREATE TABLE t2 (id int)", "CREATE TABLE t3 (id int)"]);
    const result = await executeMigrationPlan(options({ plan, sources }));
    expect(result).toMatchObject({ ok: true, rowsBefore: [], rowsAfter: ["r3"] });
    expect(statuses(result)).toEqual(["applied", "applied", "applied"]);
    expect(await versionRows(db.url)).toEqual(["r3"]);
    expect(await tableExists(db.url, "t3")).toBe(true);
  });

  it("stops at a failing step, keeps the rows at the last good revision and reports the database's message", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", FAILS, "CREATE TABLE t3 (id int)"]);
    const result = await executeMigrationPlan(options({ plan, sources }));
    expect(result).toMatchObject({ ok: false, code: "step-failed", rowsAfter: ["r1"] });
    expect(statuses(result)).toEqual(["applied", "failed", "not-run"]);
    expect(result.steps[1].error).toMatchObject({ code: "42P01", message: 'relation "no_such_table" does not exist' });
    expect(result.message).toContain("SQLSTATE 42P01");
    expect(await versionRows(db.url)).toEqual(["r1"]);
    expect([await tableExists(db.url, "t1"), await tableExists(db.url, "t2"), await tableExists(db.url, "t3")]).toEqual([true, false, false]);
  });

  it("rolls every step back in single-transaction mode when one fails", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", FAILS, "CREATE TABLE t3 (id int)"]);
    const result = await executeMigrationPlan(options({ plan, sources, transactionMode: "single" }));
    expect(result).toMatchObject({ ok: false, code: "step-failed", rowsAfter: [] });
    expect(statuses(result)).toEqual(["rolled-back", "failed", "not-run"]);
    expect(await tableExists(db.url, "t1")).toBe(false);
    // Like Alembic, the version table made for an empty start is kept.
    expect(await versionRows(db.url)).toEqual([]);
  });

  it.each(["per-step", "single"] as const)("runs a non-transactional CREATE INDEX CONCURRENTLY step (%s)", async (transactionMode) => {
    const { plan, sources } = linearUpgrade(
      [
        "CREATE TABLE t1 (a int, b int)",
        "-- concurrently cannot run in a transaction\nCREATE INDEX CONCURRENTLY ix_a ON t1 (a);\nCREATE INDEX CONCURRENTLY ix_b ON t1 (b);",
        "CREATE TABLE t3 (id int)",
      ],
      [true, false, true],
    );
    const result = await executeMigrationPlan(options({ plan, sources, transactionMode }));
    expect(result).toMatchObject({ ok: true, rowsAfter: ["r3"] });
    const indexes = await query<{ indexname: string }>(db.url, "SELECT indexname FROM pg_indexes WHERE tablename = 't1' ORDER BY 1");
    expect(indexes.map((row) => row.indexname)).toEqual(["ix_a", "ix_b"]);
  });

  it("refuses with rows-changed when the rows differ from the preview, and writes nothing", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", "SELECT 1", "SELECT 1"]);
    const result = await executeMigrationPlan(options({ plan, sources, expectedRows: ["r9"] }));
    expect(result).toMatchObject({ ok: false, code: "rows-changed", rowsBefore: [], rowsAfter: [] });
    expect(result.message).toContain("expected [r9], found []");
    expect(statuses(result)).toEqual([]);
    expect(await tableExists(db.url, "alembic_version")).toBe(false);
    expect(await tableExists(db.url, "t1")).toBe(false);
  });

  it("refuses hostile version table names before connecting", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", "SELECT 1", "SELECT 1"]);
    for (const target of [{ table: 'alembic_version"; DROP TABLE t1; --' }, { table: "alembic_version", schema: "public; DROP SCHEMA public" }]) {
      const result = await executeMigrationPlan(options({ plan, sources, target }));
      expect(result).toMatchObject({ ok: false, code: "invalid-target" });
    }
    expect(await tableExists(db.url, "alembic_version")).toBe(false);
  });

  it("names a missing version schema instead of running anything", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", "SELECT 1", "SELECT 1"]);
    const result = await executeMigrationPlan(options({ plan, sources, target: { table: "alembic_version", schema: "nowhere" } }));
    expect(result).toMatchObject({ ok: false, code: "version-table" });
    expect(result.message).toContain('Schema "nowhere" does not exist');
    expect(await tableExists(db.url, "t1")).toBe(false);
  });

  it("refuses a plan with a revision that has no native SQL", async () => {
    const { plan, sources } = linearUpgrade(["SELECT 1", "SELECT 1", "SELECT 1"]);
    sources.set("r2", { ...sources.get("r2")!, sql: undefined, format: "alembic" });
    const result = await executeMigrationPlan(options({ plan, sources }));
    expect(result).toMatchObject({ ok: false, code: "missing-sql" });
    expect(await tableExists(db.url, "alembic_version")).toBe(false);
  });

  it("reports an unreachable server without its address, user or password", async () => {
    const { plan, sources } = linearUpgrade(["SELECT 1", "SELECT 1", "SELECT 1"]);
    const connection = connector("postgres://secretuser:hunter22@127.0.0.1:1/db", { connectTimeoutMs: 2000 });
    const result = await executeMigrationPlan(options({ plan, sources, connection }));
    expect(result).toMatchObject({ ok: false, code: "connection" });
    expect(result.message).not.toMatch(/hunter22|secretuser|127\.0\.0\.1/);
  });
});

describe("audit", () => {
  it("writes one run row: running at the start, each applied step with its transaction, the failure at the end", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", FAILS, "SELECT 1"]);
    const result = await executeMigrationPlan(options({ plan, sources, audit: { environment: "staging" } }));
    expect(result.runId).toMatch(/^[0-9a-f-]{36}$/);
    const rows = await query<{ run_id: string; result: string; rows_after: string[]; steps: { revision: string; status: string }[]; ended_at: Date | null; holder_pid: number }>(
      db.url, "SELECT run_id, result, rows_after, steps, ended_at, holder_pid FROM retort_audit");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ run_id: result.runId, result: "failed", rows_after: ["r1"], holder_pid: process.pid });
    expect(rows[0]!.steps.map((s) => `${s.revision}:${s.status}`)).toEqual(["r1:applied", "r2:failed", "r3:not-run"]);
    expect(rows[0]!.ended_at).not.toBeNull();
  });

  it("runs nothing when the audit record cannot be written", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", "SELECT 1", "SELECT 1"]);
    const result = await executeMigrationPlan(options({ plan, sources, audit: { environment: "staging", schema: "pg_catalog" } }));
    expect(result).toMatchObject({ ok: false, code: "audit" });
    expect(statuses(result)).toEqual([]);
    expect(await tableExists(db.url, "t1")).toBe(false);
  });
});

describe("locking", () => {
  it("lets one of two concurrent runs proceed and fails the other at once, naming the holder", async () => {
    const { plan, sources } = linearUpgrade(["SELECT pg_sleep(1.5)", "SELECT 1", "SELECT 1"]);
    const connection = connector(db.url);
    const alice = executeMigrationPlan(options({ plan, sources, connection, actor: "alice" }));
    await waitForSession(db.url, "retort: alice upgrade head");
    const startedAt = Date.now();
    const bob = await executeMigrationPlan(options({ plan, sources, connection, actor: "bob" }));
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(bob).toMatchObject({ ok: false, code: "locked", heldBy: "retort: alice upgrade head", steps: [] });
    expect(bob.message).toContain("retort: alice upgrade head");
    expect(await alice).toMatchObject({ ok: true, rowsAfter: ["r3"] });
  });

  it("lets exactly one of ten concurrent runs apply; the other nine are locked", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int); SELECT pg_sleep(2)", "SELECT 1", "SELECT 1"]);
    const connection = connector(db.url);
    const runs = Array.from({ length: 10 }, (_, i) => executeMigrationPlan(options({ plan, sources, connection, actor: `user${i}` })));
    const results = await Promise.all(runs);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => r.code === "locked")).toHaveLength(9);
    expect(await versionRows(db.url)).toEqual(["r3"]);
  });

  it("leaves no lock behind when its connection is terminated mid-run", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", "SELECT pg_sleep(30)", "SELECT 1"]);
    const run = executeMigrationPlan(options({ plan, sources, actor: "victim" }));
    const pid = await waitForSession(db.url, "retort: victim upgrade head", "pg_sleep");
    await query(db.url, "SELECT pg_terminate_backend($1)", [pid]);

    const result = await run;
    expect(result).toMatchObject({ ok: false, rowsAfter: ["r1"] });
    expect(statuses(result)).toEqual(["applied", "failed", "not-run"]);
    expect(result.steps[1].error?.code).toBe("57P01");

    // Had the lock outlived the connection, this retry would be refused as locked.
    const retryPlan = { ...plan, before: ["r1"], steps: plan.steps.slice(1) };
    const retrySources = new Map(sources).set("r2", source("r2", ["r1"], "SELECT 1"));
    const retry = await executeMigrationPlan(options({ plan: retryPlan, sources: retrySources, expectedRows: ["r1"] }));
    expect(retry).toMatchObject({ ok: true, rowsAfter: ["r3"] });
  });
});

describe("rehearseMigrationPlan", () => {
  it("runs every step and leaves no trace", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", "CREATE TABLE t2 (id int)", "INSERT INTO t1 VALUES (1)"]);
    const result = await rehearseMigrationPlan({ ...options({ plan, sources }) });
    expect(result).toMatchObject({ ok: true, rehearsedRows: ["r3"], rowsAfter: [] });
    expect(statuses(result)).toEqual(["rehearsed", "rehearsed", "rehearsed"]);
    expect(await tableExists(db.url, "t1")).toBe(false);
    expect(await tableExists(db.url, "alembic_version")).toBe(false);
  });

  it("reports the failing step with the database's message", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", FAILS, "SELECT 1"]);
    const result = await rehearseMigrationPlan(options({ plan, sources }));
    expect(result).toMatchObject({ ok: false, code: "step-failed" });
    expect(statuses(result)).toEqual(["rehearsed", "failed", "not-run"]);
    expect(result.steps[1].error?.code).toBe("42P01");
    expect(await tableExists(db.url, "t1")).toBe(false);
  });

  it("stops before a non-transactional step, which cannot be rehearsed", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (a int)", "CREATE INDEX CONCURRENTLY ix ON t1 (a)", "SELECT 1"], [true, false, true]);
    const result = await rehearseMigrationPlan(options({ plan, sources }));
    expect(result).toMatchObject({ ok: false, code: "not-rehearsable" });
    expect(statuses(result)).toEqual(["rehearsed", "not-run", "not-run"]);
    expect(result.steps[1].error?.message).toContain("cannot be rehearsed");
    expect(await tableExists(db.url, "t1")).toBe(false);
  });
});

describe("executeStampPlan", () => {
  const stamp = (ops: VersionOp[], after: string[], purge = false): StampPlan => ({
    kind: "stamp", targets: after, purge, ops, before: [], after, notes: [],
  });

  it("creates the table and writes the rows without running anything", async () => {
    const result = await executeStampPlan({ ...options(linearUpgrade(["", "", ""])), plan: stamp([{ op: "insert", revision: "r2" }], ["r2"]) });
    expect(result).toMatchObject({ ok: true, rowsBefore: [], rowsAfter: ["r2"], steps: [] });
  });

  it("purges rows Retort does not know before writing the new ones", async () => {
    await withClient(db.url, (client) => client.query("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY); INSERT INTO alembic_version VALUES ('ghost')"));
    const plan = stamp([{ op: "insert", revision: "r1" }, { op: "insert", revision: "r3" }], ["r1", "r3"], true);
    const result = await executeStampPlan({ ...options(linearUpgrade(["", "", ""])), plan, expectedRows: ["ghost"] });
    expect(result).toMatchObject({ ok: true, rowsBefore: ["ghost"], rowsAfter: ["r1", "r3"] });
  });

  it("changes nothing when an update does not match a row", async () => {
    const plan = stamp([{ op: "insert", revision: "r1" }, { op: "update", from: "zz", to: "r2" }], ["r2"]);
    const result = await executeStampPlan({ ...options(linearUpgrade(["", "", ""])), plan });
    expect(result).toMatchObject({ ok: false, code: "stamp-failed", rowsAfter: [] });
    expect(result.message).toBe("Online migration expected to match one row when updating 'zz' to 'r2' in 'alembic_version'; 0 found");
  });
});

/** Waits until a session with this application_name is running (optionally a query containing `running`). */
async function waitForSession(url: string, applicationName: string, running = ""): Promise<number> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const rows = await query<{ pid: number }>(
      url,
      "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND state = 'active' AND query LIKE '%' || $2 || '%'",
      [applicationName, running],
    );
    if (rows[0]) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no session named ${applicationName}`);
}
