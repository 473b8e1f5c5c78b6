// The demo's environments on SQLite and MySQL/MariaDB, on the portable inventory project:
// a SQLite file under the demo's data directory, and (when RETORT_DEMO_MYSQL_URL, default
// mysql://root@127.0.0.1:3306, answers) a database the demo creates on that server.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { planUpgrade } from "../lib/core/plan/plan-upgrade";
import { buildRevisionMap } from "../lib/core/graph/revision-map";
import { connector, openConnection } from "../lib/server/db/connect";
import { sanitizeDbError } from "../lib/server/db/errors";
import { parseDatabaseUrl } from "../lib/server/db/url";
import { loadMigrationDirectory } from "../lib/server/migration-dir";
import { executeMigrationPlan } from "../lib/server/sql-executor";
import type { Protection } from "./demo-environments";

export const INVENTORY = { stockLevels: "8c3f2e4a1d33", merge: "c07d6c8e5b77" };

/** One database per demo data directory, so two checkouts' demos on one server never share it. */
export function mysqlDemoDatabase(dataDir: string): string {
  return `retort_demo_inventory_${createHash("sha1").update(path.resolve(dataDir)).digest("hex").slice(0, 8)}`;
}

export interface BackendEnvironment {
  name: string;
  project: "inventory";
  protection: Protection;
  story: string;
  /** Set when the environment is in the config; else why it is missing. */
  url: string | null;
  missing?: string;
}

/** Brings both environments to their demo state (seeding what is new) and returns them. */
export async function prepareBackendEnvironments(options: { projectsDir: string; dataDir: string; reseed: boolean; repoRoot: string }): Promise<BackendEnvironment[]> {
  const inventory = path.join(options.projectsDir, "inventory");
  // A data directory seeded before the inventory project existed gets its copy now.
  if (!existsSync(inventory)) await fs.cp(path.join(options.repoRoot, "migrations", "inventory"), inventory, { recursive: true });
  return [await sqliteEnvironment(inventory, options), await mysqlEnvironment(inventory, mysqlDemoDatabase(options.dataDir), options.reseed)];
}

async function sqliteEnvironment(inventory: string, options: { dataDir: string; reseed: boolean }): Promise<BackendEnvironment> {
  const file = path.join(options.dataDir, "inventory-edge.db");
  const url = `sqlite:///${file}`;
  if (options.reseed) await fs.rm(file, { force: true });
  if (!existsSync(file)) await upgradeInventory(inventory, url, INVENTORY.stockLevels);
  return { name: "edge", project: "inventory", protection: "none", story: "SQLite file, behind by six revisions (branch and merge ahead)", url };
}

async function mysqlEnvironment(inventory: string, database: string, reseed: boolean): Promise<BackendEnvironment> {
  const server = process.env.RETORT_DEMO_MYSQL_URL ?? "mysql://root@127.0.0.1:3306";
  const base = { name: "warehouse", project: "inventory" as const, protection: "confirm" as const, story: "MySQL/MariaDB, behind by two revisions" };
  const parsed = parseDatabaseUrl(server);
  if (!parsed.ok || parsed.url.kind !== "mysql") return { ...base, url: null, missing: "RETORT_DEMO_MYSQL_URL is not a mysql:// URL" };
  let conn;
  try {
    conn = await openConnection(parsed.url, { connectTimeoutMs: 3_000 });
  } catch (error) {
    return { ...base, url: null, missing: `no MySQL/MariaDB server answers at RETORT_DEMO_MYSQL_URL (${sanitizeDbError(error, parsed.url.secrets).message})` };
  }
  let fresh = reseed;
  try {
    if (reseed) await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
    const exists = (await conn.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?", [database])).rowCount > 0;
    if (!exists) await conn.query(`CREATE DATABASE \`${database}\``);
    fresh ||= !exists;
  } catch (error) {
    return { ...base, url: null, missing: `cannot create the demo database there (${sanitizeDbError(error, parsed.url.secrets).message})` };
  } finally {
    await conn.close();
  }
  const url = withDatabase(server, database);
  if (fresh) await upgradeInventory(inventory, url, INVENTORY.merge);
  return { ...base, url };
}

function withDatabase(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

async function upgradeInventory(dir: string, url: string, target: string): Promise<void> {
  const directory = await loadMigrationDirectory({ dir });
  const map = buildRevisionMap(directory.sources);
  const plan = planUpgrade(map, { target, rows: [] });
  if (!plan.ok) throw new Error(`cannot plan inventory upgrade to ${target}: ${plan.error.message}`);
  const result = await executeMigrationPlan({
    connection: connector(url, { create: true }), target: { table: "alembic_version", schema: null }, expectedRows: [], actor: "demo",
    plan: plan.value, sources: new Map(directory.sources.map((s) => [s.revision, s])), transactionMode: "per-step",
  });
  if (!result.ok) throw new Error(`inventory upgrade to ${target} failed: ${result.code}: ${result.message}`);
}
