// An Alembic project (the demo's ledger) compared through real Alembic's replay: the live
// database is upgraded by `alembic upgrade`, the expected schema comes from the same command run
// against a scratch database, and the baseline search drives Alembic revision by revision.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRevisionMap } from "../../lib/core/graph/revision-map";
import { type AlembicCommand, resolveAlembicCommand } from "../../lib/server/actions/alembic-command";
import { runAlembicProcess } from "../../lib/server/actions/alembic-process";
import { loadMigrationDirectory } from "../../lib/server/migration-dir";
import { computeDrift } from "../../lib/server/schema/drift";
import { type ReplayProject, sqlalchemyUrl } from "../../lib/server/schema/replay";
import { createSchemaCache } from "../../lib/server/schema/schema-cache";
import { postgresScratch } from "../../lib/server/schema/scratch";
import { openTestConnection, withTestConnection } from "../schema/connections";
import { adminUrl, createTestDatabase, type TestDatabase, versionRows } from "../db";
import { TINY, writeTinyAlembicProject } from "../schema/alembic-project";
import { createLiveDatabase } from "../schema/live";

const RECONCILIATIONS = "5d8a3e1c7f92";
let root: string;
let project: ReplayProject;
let db: TestDatabase;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "retort-drift-ledger-"));
  cpSync(path.resolve("migrations/ledger"), root, { recursive: true, filter: (src) => !src.includes("__pycache__") });
  const alembicIni = path.join(root, "alembic.ini");
  const directory = await loadMigrationDirectory({ alembicIni });
  const config = { name: "ledger", alembicIni, baseDir: root, alembic: null, writable: false, format: "alembic" as const, repoUrl: null, repoRef: null };
  const alembic = resolveAlembicCommand(config);
  if (!alembic.ok) throw new Error(alembic.reason);
  const map = buildRevisionMap(directory.sources);
  project = { name: "ledger", format: "alembic", map, sourcesById: new Map(directory.sources.map((s) => [s.revision, s])), root: directory.root, alembic, extraFiles: [alembicIni] };
  db = await createTestDatabase("retort_drift_ledger");
  const run = await runAlembicProcess({ command: alembic.command, alembicArgs: ["upgrade", RECONCILIATIONS], url: db.url, versionTable: { table: "alembic_version", schema: null }, secrets: [] });
  if (run.exitCode !== 0) throw new Error(run.output);
}, 120_000);

afterAll(async () => {
  await db?.drop();
  rmSync(root, { recursive: true, force: true });
});

const provider = () => postgresScratch(async () => adminUrl(), openTestConnection);

describe("drift of an Alembic project, replayed by real Alembic", () => {
  it("finds no differences at the rows Alembic wrote, and lists the trigger and its function on both sides", async () => {
    const rows = (await versionRows(db.url))!;
    expect(rows).toEqual([RECONCILIATIONS]);
    const report = await withTestConnection(db.url, (c) => computeDrift({ reader: c, project, rows, provider: provider(), cache: createSchemaCache(null) }));
    expect(report.error).toBeNull();
    expect(report.differences).toEqual([]);
    expect(report.matches).toBe(true);
    expect(report.stats.alembicRuns).toBeGreaterThanOrEqual(1);
    const unmodelled = report.unmodelled.map((u) => `${u.kind} ${u.name} ${u.inExpected && u.inActual ? "both" : "one side"}`);
    expect(unmodelled).toEqual(expect.arrayContaining(["function check_journal_balanced() both", "trigger entries_balanced both"]));
  }, 120_000);

  it("reports a column added by hand, and finds the revision again once the version table is dropped", async () => {
    await withTestConnection(db.url, (c) => c.execute("ALTER TABLE accounts ADD COLUMN notes text; DROP TABLE alembic_version"));
    const report = await withTestConnection(db.url, (c) => computeDrift({ reader: c, project, rows: null, provider: provider(), cache: createSchemaCache(null) }));
    const best = report.baseline!.candidates[0]!;
    expect(best).toMatchObject({ rows: [RECONCILIATIONS], differences: 1, extra: 1 });
    expect(best.changes).toMatchObject([{ change: "extra", kind: "column", table: "accounts", name: "notes", sql: 'ALTER TABLE "accounts" DROP COLUMN "notes";' }]);
    expect(report.stats.alembicRuns).toBeLessThan(project.map.revisions.length);
  }, 300_000);
});

describe.each(["sqlite", "mysql"] as const)("drift of an Alembic project on %s, replayed by real Alembic", (dialect) => {
  it("finds no differences at Alembic's rows, and the revision again once the version table is dropped", async () => {
    const tiny = writeTinyAlembicProject();
    const live = await createLiveDatabase(dialect);
    try {
      const loaded = await alembicProject(tiny.ini, tiny.root);
      const url = sqlalchemyUrl(live.url);
      const run = await runAlembicProcess({ command: (loaded.alembic as { command: AlembicCommand }).command, alembicArgs: ["upgrade", TINY.colour], url, versionTable: { table: "alembic_version", schema: null }, secrets: [] });
      expect(run.exitCode, run.output).toBe(0);
      const report = await withTestConnection(live.url, (c) => computeDrift({ reader: c, project: loaded, rows: [TINY.colour], provider: live.provider, cache: createSchemaCache(null) }));
      expect(report.error).toBeNull();
      expect(report).toMatchObject({ matches: true, differences: [] });
      const unversioned = await withTestConnection(live.url, async (c) => {
        await c.execute("DROP TABLE alembic_version");
        return computeDrift({ reader: c, project: loaded, rows: null, provider: live.provider, cache: createSchemaCache(null) });
      });
      expect(unversioned.baseline!.candidates[0]).toMatchObject({ rows: [TINY.colour], differences: 0 });
    } finally {
      await live.drop();
      tiny.drop();
    }
  }, 120_000);
});

async function alembicProject(alembicIni: string, root: string): Promise<ReplayProject> {
  const directory = await loadMigrationDirectory({ alembicIni });
  const alembic = resolveAlembicCommand({ name: "tiny", alembicIni, baseDir: root, alembic: null, writable: false, format: "alembic", repoUrl: null, repoRef: null });
  if (!alembic.ok) throw new Error(alembic.reason);
  const map = buildRevisionMap(directory.sources);
  return { name: "tiny", format: "alembic", map, sourcesById: new Map(directory.sources.map((s) => [s.revision, s])), root: directory.root, alembic, extraFiles: [alembicIni] };
}

