// migrations/inventory is the demo's portable project: the same SQL upgrades to its head and
// downgrades to base on PostgreSQL, SQLite and MySQL/MariaDB.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planDowngrade } from "../../lib/core/plan/plan-downgrade";
import { planUpgrade } from "../../lib/core/plan/plan-upgrade";
import { buildRevisionMap } from "../../lib/core/graph/revision-map";
import { connector } from "../../lib/server/db/connect";
import { loadMigrationDirectory } from "../../lib/server/migration-dir";
import { closeAllPools } from "../../lib/server/pg";
import { executeMigrationPlan } from "../../lib/server/sql-executor";
import { BACKEND_KINDS, createTarget } from "../backends";

afterAll(closeAllPools);

describe.each(BACKEND_KINDS)("migrations/inventory on %s", (kind) => {
  it("upgrades to its one head through the branch and the merge, then downgrades to base", async () => {
    const directory = await loadMigrationDirectory({ dir: path.resolve("migrations/inventory") });
    const map = buildRevisionMap(directory.sources);
    expect([directory.problems, map.problems.filter((p) => p.severity !== "warning")]).toEqual([[], []]);
    expect(map.heads).toEqual(["e29f8e0a7d99"]);
    const sources = new Map(directory.sources.map((s) => [s.revision, s]));
    const db = await createTarget(kind, "inventory");
    try {
      const run = async (plan: ReturnType<typeof planUpgrade>, expectedRows: string[]) => {
        if (!plan.ok) throw new Error(plan.error.message);
        return executeMigrationPlan({ connection: connector(db.url, { create: true }), target: { table: "alembic_version" }, expectedRows, actor: "t", plan: plan.value, sources, transactionMode: "per-step" });
      };
      const up = await run(planUpgrade(map, { target: "heads", rows: [] }), []);
      expect(up, up.message).toMatchObject({ ok: true, rowsAfter: ["e29f8e0a7d99"] });
      expect(up.steps).toHaveLength(9);
      expect(await db.query("SELECT code FROM warehouses")).toEqual([{ code: "MAIN" }]);
      const down = await run(planDowngrade(map, { target: "base", rows: ["e29f8e0a7d99"] }), ["e29f8e0a7d99"]);
      expect(down, down.message).toMatchObject({ ok: true, rowsAfter: [] });
      expect(await db.tableExists("warehouses")).toBe(false);
    } finally {
      await db.drop();
    }
  });
});
