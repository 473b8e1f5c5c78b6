// A Retort process SIGKILLed in the middle of a run leaves no lock on any backend, the version
// table at the last completed step, and an audit run that a reader marks interrupted.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { listRuns } from "../../lib/server/audit/read";
import { configFromObject } from "../../lib/server/config";
import { connector, openConnection } from "../../lib/server/db/connect";
import { dialectOf } from "../../lib/server/db/dialects";
import { closeAllPools } from "../../lib/server/pg";
import { executeStampPlan } from "../../lib/server/sql-executor";
import { BACKEND_KINDS, createTarget, sleepSql, type BackendKind, type TestTarget } from "../backends";

const HELPERS = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "helpers");
const target = { table: "alembic_version" };

describe.each(BACKEND_KINDS)("a run killed with SIGKILL on %s", (kind: BackendKind) => {
  let db: TestTarget;
  beforeEach(async () => {
    db = await createTarget(kind, "kill");
  });
  afterEach(async () => {
    await closeAllPools();
    await db.drop();
  });
  afterAll(closeAllPools);

  it("leaves no lock, the rows at the last completed step, and a run marked interrupted", async () => {
    const child = spawn(process.execPath, [path.join(HELPERS, "run-in-child.mjs"), path.join(HELPERS, "slow-upgrade.ts"), JSON.stringify({ url: db.url, sleep: sleepSql(kind, 30) })], { stdio: "ignore" });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await waitUntilInSecondStep(db);
    child.kill("SIGKILL");
    await exited;

    // The next run gets the lock as soon as the server has seen the connection go (a stamp needs no migrations).
    const killedAt = Date.now();
    const stamp = () => executeStampPlan({ connection: connector(db.url), target, actor: "next", expectedRows: ["r1"],
      plan: { kind: "stamp", targets: ["r1"], purge: false, ops: [], before: ["r1"], after: ["r1"], notes: [] } });
    let next = await stamp();
    while (next.code === "locked" && Date.now() - killedAt < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      next = await stamp();
    }
    console.log(`${kind}: lock free ${Date.now() - killedAt} ms after the kill`);
    expect(next).toMatchObject({ ok: true, rowsBefore: ["r1"] });
    expect(Date.now() - killedAt).toBeLessThan(3_000);
    expect(await db.versionRows()).toEqual(["r1"]);
    expect(await db.tableExists("t2")).toBe(kind === "mysql"); // MySQL's CREATE TABLE committed itself

    const environments = configFromObject({ projects: [{ name: "p", dir: "m" }], environments: [{ name: "victim", project: "p", url: db.url }] }, { baseDir: "/", env: {} });
    if (!environments.ok) throw new Error("config");
    const { runs } = await listRuns({ environments: environments.config.environments, filters: { actor: "victim" } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "interrupted", rowsAfter: ["r1"], steps: [{ revision: "r1", status: "applied" }, { revision: "r2", status: "interrupted" }] });
  }, 60_000);
});

/** Until the child holds the lock and r1's record has committed (it is then in r2's sleep). */
async function waitUntilInSecondStep(db: TestTarget): Promise<void> {
  for (let waited = 0; waited < 20_000; waited += 100) {
    const conn = await openConnection(db.url, { create: true });
    try {
      const held = await dialectOf(conn).lockHolder(conn, target).catch(() => null);
      const rows = (await db.versionRows().catch(() => null)) ?? [];
      if (held && rows.includes("r1")) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return;
      }
    } finally {
      await conn.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the child never reached its second step");
}
