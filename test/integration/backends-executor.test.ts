// The native-SQL executor on every backend: the same plans, the same rows, Alembic's DDL, a
// failing step named by statement and line, the lock, rehearsal and stamps.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MigrationPlan, PlanStep, RevisionSource, VersionOp } from "../../lib/core/types";
import { connector } from "../../lib/server/db/connect";
import { closeAllPools } from "../../lib/server/pg";
import { executeMigrationPlan, executeStampPlan, rehearseMigrationPlan, type MigrationOptions } from "../../lib/server/sql-executor";
import { BACKEND_KINDS, createTarget, sleepSql, type BackendKind, type TestTarget } from "../backends";

function source(revision: string, downRevisions: string[], up: string, transactional = true): RevisionSource {
  return {
    revision, downRevisions, dependsOn: [], branchLabels: [], message: revision, longDoc: revision,
    createDate: null, path: `${revision}.sql`, format: "sql", sql: { up, down: "", transactional, upLine: 10 },
  };
}

function step(revision: string, versionOps: VersionOp[], rowsAfter: string[]): PlanStep {
  return { revision, direction: "up", versionOps, rowsAfter };
}

/** r1 -> r2 -> r3 from an empty table, with the given bodies. */
export function linearUpgrade(bodies: [string, string, string], transactional = [true, true, true]) {
  const sources = new Map([
    ["r1", source("r1", [], bodies[0], transactional[0])],
    ["r2", source("r2", ["r1"], bodies[1], transactional[1])],
    ["r3", source("r3", ["r2"], bodies[2], transactional[2])],
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

const statuses = (result: { steps: { status: string }[] }) => result.steps.map((s) => s.status);

describe.each(BACKEND_KINDS)("the executor on %s", (kind: BackendKind) => {
  let db: TestTarget;
  beforeEach(async () => {
    db = await createTarget(kind, "exec");
  });
  afterEach(async () => {
    await closeAllPools();
    await db.drop();
  });
  afterAll(closeAllPools);

  const options = (overrides: Partial<MigrationOptions> & Pick<MigrationOptions, "plan" | "sources">): MigrationOptions => ({
    connection: connector(db.url, { create: true }),
    target: { table: "alembic_version" },
    expectedRows: [],
    transactionMode: "per-step",
    actor: "alice",
    ...overrides,
  });

  it("applies every step and writes the rows with Alembic's DDL", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int); INSERT INTO t1 VALUES (1)", "CREATE TABLE t2 (id int)", "CREATE TABLE t3 (id int)"]);
    const result = await executeMigrationPlan(options({ plan, sources }));
    expect(result).toMatchObject({ ok: true, rowsBefore: [], rowsAfter: ["r3"] });
    expect(statuses(result)).toEqual(["applied", "applied", "applied"]);
    expect(await db.versionRows()).toEqual(["r3"]);
    expect(await db.tableExists("t3")).toBe(true);
  });

  it("stops at a failing step with the driver's message, the statement and its line; rows stay at the last good revision", async () => {
    const failing = "INSERT INTO t1 VALUES (1);\n\nINSERT INTO no_such_table VALUES (1);";
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", failing, "CREATE TABLE t3 (id int)"]);
    const result = await executeMigrationPlan(options({ plan, sources }));
    expect(result).toMatchObject({ ok: false, code: "step-failed", rowsAfter: ["r1"] });
    expect(statuses(result)).toEqual(["applied", "failed", "not-run"]);
    expect(result.steps[1]!.error).toMatchObject({ statement: "INSERT INTO no_such_table VALUES (1)", line: 12 });
    expect(result.steps[1]!.error!.message).toMatch(/no_such_table/);
    expect(result.message).toContain("failed at line 12");
    expect(await db.versionRows()).toEqual(["r1"]);
    // The failing step's DML was undone with it on every backend.
    expect(await db.query("SELECT id FROM t1")).toEqual([]);
    expect(await db.tableExists("t3")).toBe(false);
  });

  it("refuses with rows-changed when the rows differ from the preview, and writes nothing", async () => {
    const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", "SELECT 1", "SELECT 1"]);
    const result = await executeMigrationPlan(options({ plan, sources, expectedRows: ["r9"] }));
    expect(result).toMatchObject({ ok: false, code: "rows-changed", rowsBefore: [], rowsAfter: [] });
    expect(await db.tableExists("alembic_version")).toBe(false);
    expect(await db.tableExists("t1")).toBe(false);
  });

  it("lets exactly one of ten concurrent runs apply; the other nine are refused at once, naming the holder", async () => {
    const { plan, sources } = linearUpgrade([`CREATE TABLE t1 (id int); ${sleepSql(kind, 1.5)}`, "SELECT 1", "SELECT 1"]);
    const runs = Array.from({ length: 10 }, (_, i) => executeMigrationPlan(options({ plan, sources, actor: `user${i}` })));
    const results = await Promise.all(runs);
    const winner = results.filter((r) => r.ok);
    expect(winner).toHaveLength(1);
    const locked = results.filter((r) => r.code === "locked");
    expect(locked).toHaveLength(9);
    const holder = `user${results.findIndex((r) => r.ok)} upgrade head`;
    for (const refused of locked) expect(refused.heldBy).toContain(holder);
    expect(await db.versionRows()).toEqual(["r3"]);
  });

  it("stamps: creates the table and writes the rows without running anything; a mismatched update changes nothing", async () => {
    const base = options(linearUpgrade(["", "", ""]));
    const stamp = (ops: VersionOp[], after: string[]) => ({ kind: "stamp" as const, targets: after, purge: false, ops, before: [], after, notes: [] });
    expect(await executeStampPlan({ ...base, plan: stamp([{ op: "insert", revision: "r2" }], ["r2"]) })).toMatchObject({ ok: true, rowsAfter: ["r2"] });
    const bad = await executeStampPlan({ ...base, expectedRows: ["r2"], plan: stamp([{ op: "delete", revision: "r2" }, { op: "update", from: "zz", to: "r3" }], ["r3"]) });
    expect(bad).toMatchObject({ ok: false, code: "stamp-failed", rowsAfter: ["r2"] });
    expect(bad.message).toBe("Online migration expected to match one row when updating 'zz' to 'r3' in 'alembic_version'; 0 found");
  });

  if (kind === "mysql") {
    it("reports a step that fails after DDL as partly applied: what ran stays, the rows stay at the last completed revision", async () => {
      const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", "CREATE TABLE t2 (id int);\nINSERT INTO t2 VALUES (1);\nINSERT INTO nowhere VALUES (1);", "SELECT 1"]);
      const result = await executeMigrationPlan(options({ plan, sources }));
      expect(result).toMatchObject({ ok: false, code: "step-failed", rowsAfter: ["r1"] });
      expect(result.steps[1]).toMatchObject({ status: "failed", partial: { ran: 1, total: 3 }, error: { code: "ER_NO_SUCH_TABLE", line: 12 } });
      expect(result.message).toContain("partly applied");
      expect(await db.tableExists("t2")).toBe(true); // the DDL stayed
      expect(await db.query("SELECT id FROM t2")).toEqual([]); // the insert after it was rolled back
    });

    it("refuses one transaction for the whole run and rehearsal, which MySQL cannot roll back", async () => {
      const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", "SELECT 1", "SELECT 1"]);
      expect(await executeMigrationPlan(options({ plan, sources, transactionMode: "single" }))).toMatchObject({ ok: false, code: "not-supported" });
      const rehearsal = await rehearseMigrationPlan(options({ plan, sources }));
      expect(rehearsal).toMatchObject({ ok: false, code: "not-rehearsable" });
      expect(rehearsal.message).toContain("commits DDL implicitly");
      expect(await db.tableExists("t1")).toBe(false);
    });
  } else {
    it("rolls every step back in single-transaction mode when one fails", async () => {
      const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", "INSERT INTO nowhere VALUES (1)", "CREATE TABLE t3 (id int)"]);
      const result = await executeMigrationPlan(options({ plan, sources, transactionMode: "single" }));
      expect(result).toMatchObject({ ok: false, code: "step-failed", rowsAfter: [] });
      expect(statuses(result)).toEqual(["rolled-back", "failed", "not-run"]);
      expect(await db.tableExists("t1")).toBe(false);
    });

    it("rehearses every step in one rolled-back transaction and leaves no trace", async () => {
      const { plan, sources } = linearUpgrade(["CREATE TABLE t1 (id int)", "CREATE TABLE t2 (id int)", "INSERT INTO t1 VALUES (1)"]);
      const result = await rehearseMigrationPlan(options({ plan, sources }));
      expect(result).toMatchObject({ ok: true, rehearsedRows: ["r3"], rowsAfter: [] });
      expect(statuses(result)).toEqual(["rehearsed", "rehearsed", "rehearsed"]);
      expect(await db.tableExists("t1")).toBe(false);
      expect(await db.tableExists("alembic_version")).toBe(false);
    });
  }
});
