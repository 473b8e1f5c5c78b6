// The differential suite on SQLite and MariaDB (and PostgreSQL, executed rather than only
// planned): random projects, real Alembic on one side, Retort's executor on the native-SQL twin
// on the other, on the same real database; plus round trips through `alembic upgrade` and
// `alembic current`.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planUpgrade } from "../../lib/core/plan/plan-upgrade";
import { buildRevisionMap } from "../../lib/core/graph/revision-map";
import { connector, openConnection } from "../../lib/server/db/connect";
import { readVersionRows } from "../../lib/server/db/version-table";
import { loadMigrationDirectory } from "../../lib/server/migration-dir";
import { closeAllPools } from "../../lib/server/pg";
import { executeMigrationPlan } from "../../lib/server/sql-executor";
import { BACKEND_KINDS, createTarget, type BackendKind, type TestTarget } from "../backends";
import { runAlembicCli } from "./alembic-side";
import { runBackendSeed, runDriver } from "./backend-compat-run";
import { summaryLine, type SeedSummary } from "./compat-run";
import { generateAlembicProject } from "./generate-project";
import { writeNativeTwin } from "./native-twin";

const COUNTS = { upgrade: 30, downgrade: 30, stamp: 20 };
const MIN_COMPARED = 300;
const SEEDS = process.env.RETORT_COMPAT_SEEDS
  ? process.env.RETORT_COMPAT_SEEDS.split(",").map((s) => ({ seed: Number(s.split(":")[0]), size: Number(s.split(":")[1] ?? 30) }))
  : [[21, 8], [22, 12], [23, 16], [24, 40], [25, 20]].map(([seed, size]) => ({ seed: seed!, size: size! }));

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), "retort-backend-compat-"));
});
afterAll(async () => {
  await closeAllPools();
  rmSync(workDir, { recursive: true, force: true });
});

describe.each(BACKEND_KINDS)("Retort executes as real Alembic does on %s", (kind: BackendKind) => {
  let db: TestTarget;
  const summaries: SeedSummary[] = [];
  beforeAll(async () => {
    db = await createTarget(kind, "compat");
  });
  afterAll(() => db?.drop());

  for (const { seed, size } of SEEDS) {
    it(`runs the same steps and leaves the same rows for generated project ${seed} (${size} revisions)`, async () => {
      const summary = await runBackendSeed({ seed, size, counts: COUNTS, db, workDir });
      summaries.push(summary);
      console.log(`[${kind}] ${summaryLine(summary)}`);
      if (summary.mismatches.length > 0) expect.fail(`${summary.mismatches.length} disagreement(s); first:\n\n${summary.mismatches.slice(0, 3).join("\n\n")}`);
    });
  }

  it("compares enough operations to mean something", () => {
    const compared = summaries.reduce((n, s) => n + s.compared, 0);
    console.log(`[${kind}] backend compat total: ${compared} ops compared across ${summaries.length} projects`);
    if (!process.env.RETORT_COMPAT_SEEDS) expect(compared).toBeGreaterThanOrEqual(MIN_COMPARED);
  });

  it("reads the rows `alembic upgrade` wrote, and `alembic current` reads the rows Retort wrote", async () => {
    const project = generateAlembicProject({ seed: 77, size: 30, dir: path.join(workDir, `${kind}-roundtrip`) });
    expect(project.facts.heads().length).toBeGreaterThan(0);
    const [upgraded, current] = await runDriver(project.alembicIni, db.url, [{ kind: "upgrade", target: "heads", startRows: null }, { kind: "current" }]);
    expect(upgraded!.error, JSON.stringify(upgraded!.error)).toBeUndefined();
    const conn = await openConnection(db.url);
    try {
      expect((await readVersionRows(conn, { table: "alembic_version" })).rows.sort()).toEqual([...current!.rows!].sort());
      // Now Retort upgrades from base on an empty table, and Alembic reads what it wrote.
      await conn.query("DROP TABLE alembic_version");
    } finally {
      await conn.close();
    }
    const twin = await loadMigrationDirectory({ dir: writeNativeTwin(project, path.join(workDir, `${kind}-roundtrip-sql`)) });
    const plan = planUpgrade(buildRevisionMap(twin.sources), { target: "heads", rows: [] });
    if (!plan.ok) throw new Error(plan.error.message);
    const result = await executeMigrationPlan({ connection: connector(db.url), target: { table: "alembic_version" }, expectedRows: [], actor: "compat",
      plan: plan.value, sources: new Map(twin.sources.map((s) => [s.revision, s])), transactionMode: "per-step" });
    expect(result.ok, result.message).toBe(true);
    const [read] = await runDriver(project.alembicIni, db.url, [{ kind: "current" }]);
    expect([...read!.rows!].sort()).toEqual(result.rowsAfter);
    // The alembic command line itself, as a user runs it.
    const url = kind === "mysql" ? db.url.replace(/^mysql:/, "mysql+pymysql:") : db.url;
    const cli = await runAlembicCli({ cwd: project.dir, argv: ["current"], databaseUrl: url });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout.match(/^\w+/gm)?.sort()).toEqual(result.rowsAfter);
  });
});
