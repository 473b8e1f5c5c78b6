/**
 * One seed of the differential test on a real database of any kind: real Alembic runs the Python
 * project, Retort's executor runs its native-SQL twin, both on the same backend, and the steps
 * each one logged and the rows each one left must agree.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { planDowngrade } from "../../lib/core/plan/plan-downgrade";
import { planStamp } from "../../lib/core/plan/plan-stamp";
import { planUpgrade } from "../../lib/core/plan/plan-upgrade";
import { buildRevisionMap, type RevisionMap } from "../../lib/core/graph/revision-map";
import type { RevisionSource } from "../../lib/core/types";
import { connector } from "../../lib/server/db/connect";
import { loadMigrationDirectory } from "../../lib/server/migration-dir";
import { executeMigrationPlan, executeStampPlan } from "../../lib/server/sql-executor";
import type { TestTarget } from "../backends";
import { alembicOutcome, alembicPython, type AlembicResult, type JobOperation } from "./alembic-side";
import { compareOutcomes, mismatchReport } from "./compare";
import type { SeedSummary } from "./compat-run";
import { generateAlembicProject } from "./generate-project";
import { writeNativeTwin } from "./native-twin";
import type { Operation, Outcome } from "./operations";
import { pickOperations } from "./pick-cases";
import { createRng } from "./prng";

const DRIVER = path.join(path.dirname(new URL(import.meta.url).pathname), "backend_driver.py");
const LOG_TABLE = "compat_log";
const AUTO_ID = { postgresql: "id serial PRIMARY KEY", sqlite: "id INTEGER PRIMARY KEY AUTOINCREMENT", mysql: "id INTEGER AUTO_INCREMENT PRIMARY KEY" };

export async function runBackendSeed(args: { seed: number; size: number; counts: { upgrade: number; downgrade: number; stamp: number }; db: TestTarget; workDir: string }): Promise<SeedSummary> {
  const { seed, size, db } = args;
  const project = generateAlembicProject({ seed, size, dir: path.join(args.workDir, `${db.kind}-${seed}`) });
  const ops = pickOperations(createRng(seed * 7919 + 1), project, args.counts).filter((op) => op.kind !== "heads");
  const twin = writeNativeTwin(project, path.join(args.workDir, `${db.kind}-${seed}-sql`));
  const directory = await loadMigrationDirectory({ dir: twin });
  const map = buildRevisionMap(directory.sources);
  const sources = new Map(directory.sources.map((s) => [s.revision, s]));
  const alembic = await runDriver(project.alembicIni, db.url, ops);
  const summary: SeedSummary = { seed, size, compared: 0, agreements: 0, alembicCrashes: [], setOrderDifferences: [], mismatches: [] };
  const setOrdered = new Set(project.revisions.filter((r) => r.dependencyIds.length > 1).map((r) => r.revision));
  for (const [i, op] of ops.entries()) {
    const retort = await runRetort(db, map, sources, op);
    summary.compared++;
    const verdict = compareOutcomes(op, alembicOutcome(alembic[i]!), retort, { setOrdered });
    if (verdict.kind === "agree") summary.agreements++;
    else if (verdict.kind === "alembic-crash") summary.alembicCrashes.push(verdict.detail);
    else if (verdict.kind === "set-order") summary.setOrderDifferences.push(verdict.detail);
    else summary.mismatches.push(mismatchReport({ seed, size, op, alembic: alembicOutcome(alembic[i]!), retort, reason: `[${db.kind}] ${verdict.reason}` }));
  }
  return summary;
}

/** Plans as the dashboard does, then executes on the database from exactly the rows Alembic started from. */
async function runRetort(db: TestTarget, map: RevisionMap, sources: ReadonlyMap<string, RevisionSource>, op: Exclude<Operation, { kind: "heads" }>): Promise<Outcome> {
  await reset(db, op.startRows);
  // As the CLI plans: from the rows in the order the database returns them (`downgrade -1` takes
  // the first; MySQL returns them in primary-key order, PostgreSQL and SQLite as inserted).
  const rows = op.startRows === null ? [] : (await db.query<{ version_num: string }>("SELECT version_num FROM alembic_version")).map((r) => r.version_num);
  const common = { connection: connector(db.url, { create: true }), target: { table: "alembic_version" }, expectedRows: rows, actor: "compat" };
  let result;
  if (op.kind === "stamp") {
    const plan = planStamp(map, { targets: op.targets, rows, purge: op.purge });
    if (!plan.ok) return { ok: false, kind: "refusal", code: plan.error.code, message: plan.error.message };
    result = await executeStampPlan({ ...common, plan: plan.value });
  } else {
    const plan = op.kind === "upgrade" ? planUpgrade(map, { target: op.target, rows }) : planDowngrade(map, { target: op.target, rows });
    if (!plan.ok) return { ok: false, kind: "refusal", code: plan.error.code, message: plan.error.message };
    result = await executeMigrationPlan({ ...common, plan: plan.value, sources, transactionMode: "per-step" });
  }
  if (!result.ok) return { ok: false, kind: "crash", errorClass: result.code ?? "failed", message: result.message ?? "" };
  const steps = await db.query<{ revision: string; direction: "up" | "down" }>(`SELECT revision, direction FROM ${LOG_TABLE} ORDER BY id`);
  return { ok: true, steps: steps.map((s) => ({ revision: s.revision, direction: s.direction })), rows: (await db.versionRows()) ?? [] };
}

/** The database as Alembic's driver leaves it before an operation: an empty log, the start rows in order (null: no table). */
async function reset(db: TestTarget, startRows: string[] | null): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${LOG_TABLE}`);
  await db.query(`CREATE TABLE ${LOG_TABLE} (${AUTO_ID[db.kind]}, revision VARCHAR(64) NOT NULL, direction VARCHAR(8) NOT NULL)`);
  await db.query("DROP TABLE IF EXISTS alembic_version");
  if (startRows === null) return;
  await db.query("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
  const placeholder = db.kind === "postgresql" ? "$1" : "?";
  for (const row of startRows) await db.query(`INSERT INTO alembic_version (version_num) VALUES (${placeholder})`, [row]);
}

export function runDriver(ini: string, url: string, operations: JobOperation[]): Promise<AlembicResult[]> {
  const job = JSON.stringify({ ini, versionTable: "alembic_version", versionSchema: null, logTable: LOG_TABLE, operations });
  return new Promise((resolve, reject) => {
    const child = spawn(alembicPython(), [DRIVER], { env: { PYTHONHASHSEED: "0", ...process.env, RETORT_COMPAT_URL: url, PYTHONDONTWRITEBYTECODE: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve((JSON.parse(stdout) as { results: AlembicResult[] }).results) : reject(new Error(`backend driver exited ${code}: ${stderr.slice(-2000)}`))));
    child.stdin.end(job);
  });
}
