// Brings each demo database to a state worth looking at, using Retort's own planner and
// executors (and real Alembic for the Python project when it is installed).
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { planStamp } from "../lib/core/plan/plan-stamp";
import { planUpgrade } from "../lib/core/plan/plan-upgrade";
import { buildRevisionMap, type RevisionMap } from "../lib/core/graph/revision-map";
import type { RevisionSource } from "../lib/core/types";
import { loadMigrationDirectory } from "../lib/server/migration-dir";
import { connector } from "../lib/server/db/connect";
import { executeMigrationPlan, executeStampPlan } from "../lib/server/sql-executor";

const TABLE = { table: "alembic_version", schema: null };

/** Revisions of migrations/shop and migrations/ledger the demo states are built from. */
export const SHOP = {
  merge: "2a5d9c7e1f08", // merge billing into main
  view: "7b90e2d4c6a3", // add order_totals view
  shipments: "c8e4b1f3a075",
  concurrentIndex: "e1f6a8c3d529", // transactional: false
  promotionsHead: "13f8c6d2e9a4", // one of the two divergent heads
  /** Named by sandbox's version table; deliberately absent from the directory. */
  deletedRevision: "5e1d0c4b3a29",
};
export const LEDGER = { reconciliations: "5d8a3e1c7f92" };

export interface ShopProject {
  map: RevisionMap;
  sources: ReadonlyMap<string, RevisionSource>;
}

export async function loadShop(shopDir: string): Promise<ShopProject> {
  const directory = await loadMigrationDirectory({ dir: shopDir });
  const map = buildRevisionMap(directory.sources);
  const problems = [...directory.problems, ...map.problems];
  if (problems.length > 0) throw new Error(`${shopDir} has problems: ${problems.map((p) => p.message).join("; ")}`);
  return { map, sources: new Map(directory.sources.map((s) => [s.revision, s])) };
}

/** Upgrades an empty database to `target` with the native SQL executor. */
export async function upgradeShop(shop: ShopProject, url: string, target: string): Promise<void> {
  const plan = planUpgrade(shop.map, { target, rows: [] });
  if (!plan.ok) throw new Error(`cannot plan upgrade to ${target}: ${plan.error.message}`);
  const result = await executeMigrationPlan({
    connection: connector(url, { create: true }),
    target: TABLE,
    expectedRows: [],
    actor: "demo",
    plan: plan.value,
    sources: shop.sources,
    transactionMode: "per-step",
  });
  if (!result.ok) throw new Error(`upgrade to ${target} failed: ${result.code}: ${result.message}`);
}

export async function runSql(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs real Alembic against `url`; the URL travels in the environment, never on the command line. */
export function runAlembic(python: string, ledgerDir: string, url: string, args: string[]): void {
  const result = spawnSync(python, ["-m", "alembic", "-c", "alembic.ini", ...args], {
    cwd: ledgerDir,
    env: { ...process.env, RETORT_TARGET_URL: url, PYTHONDONTWRITEBYTECODE: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.split(url).join("<url>");
    throw new Error(`alembic ${args.join(" ")} failed (exit ${result.status}):\n${output.slice(-2000)}`);
  }
}

/** Without Python: record the ledger's position only (its tables need Alembic to create). */
export async function stampLedger(ledgerDir: string, url: string, revision: string): Promise<void> {
  const directory = await loadMigrationDirectory({ alembicIni: path.join(ledgerDir, "alembic.ini") });
  const map = buildRevisionMap(directory.sources);
  const plan = planStamp(map, { targets: [revision], rows: [], purge: false });
  if (!plan.ok) throw new Error(`cannot plan stamp ${revision}: ${plan.error.message}`);
  const result = await executeStampPlan({
    connection: connector(url, { create: true }),
    target: TABLE,
    expectedRows: [],
    actor: "demo",
    plan: plan.value,
  });
  if (!result.ok) throw new Error(`stamp ${revision} failed: ${result.code}: ${result.message}`);
}
