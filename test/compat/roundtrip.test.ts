// Round trips through a real PostgreSQL: what real Alembic writes, Retort reads; what Retort
// writes (a merge file), real Alembic accepts and runs.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderAlembicRevision } from "../../lib/core/render/render-revision";
import { openConnection } from "../../lib/server/db/connect";
import type { DbConnection } from "../../lib/server/db/types";
import { readVersionRows } from "../../lib/server/version-table";
import { createTestDatabase, type TestDatabase } from "../db";
import { runAlembicJob, type JobOperation } from "./alembic-side";
import { generateAlembicProject, writeAlembicScaffold } from "./generate-project";
import type { GraphNode } from "./generate-graph";
import { createRng } from "./prng";
import { randomStyle, renderPythonRevision } from "./render-python";
import { loadRetortProject, runRetortOperation } from "./retort-side";

let database: TestDatabase;
let client: DbConnection;
let workDir: string;

beforeAll(async () => {
  database = await createTestDatabase("roundtrip");
  client = await openConnection(database.url);
  workDir = mkdtempSync(path.join(os.tmpdir(), "retort-roundtrip-"));
});

afterAll(async () => {
  await client?.close();
  await database?.drop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Runs one Alembic operation, then has both Alembic and Retort read the table it left. */
async function alembicThenRead(ini: string, op: JobOperation, table: { table: string; schema: string | null }) {
  const [ran, current] = await runAlembicJob({ alembicIni: ini, databaseUrl: database.url, operations: [op, { kind: "current" }],
    versionTable: table.table, versionSchema: table.schema });
  expect(ran!.error, JSON.stringify(ran!.error)).toBeUndefined();
  return { alembicRows: current!.rows ?? [], retort: await readVersionRows(client, table) };
}

describe("version rows written by real Alembic", () => {
  const table = { table: "alembic_version", schema: null };

  it("reads the rows of a multi-head upgrade, a downgrade and a stamp exactly as Alembic reads them", async () => {
    const project = generateAlembicProject({ seed: 31, size: 40, dir: path.join(workDir, "rows") });
    const heads = project.facts.heads();
    expect(heads.length).toBeGreaterThan(1);
    const steps: JobOperation[] = [
      { kind: "upgrade", target: "heads", startRows: null },
      { kind: "downgrade", target: "-1" },
      { kind: "stamp", targets: [heads[0]!], purge: false },
      { kind: "stamp", targets: ["base"], purge: false },
    ];
    for (const op of steps) {
      const { alembicRows, retort } = await alembicThenRead(project.alembicIni, op, table);
      expect(retort).toEqual({ tableExists: true, rows: alembicRows });
    }
  });

  it("reads a missing version table as no table, as `alembic current` does without creating it", async () => {
    const project = generateAlembicProject({ seed: 32, size: 5, dir: path.join(workDir, "missing") });
    await client.query("DROP TABLE IF EXISTS alembic_version");
    const [current] = await runAlembicJob({ alembicIni: project.alembicIni, databaseUrl: database.url, operations: [{ kind: "current" }] });
    expect(current!.rows).toEqual([]);
    expect(await readVersionRows(client, table)).toEqual({ tableExists: false, rows: [] });
  });

  it("reads a version table Alembic keeps under another name in another schema", async () => {
    const project = generateAlembicProject({ seed: 33, size: 20, dir: path.join(workDir, "schema") });
    await client.query("CREATE SCHEMA IF NOT EXISTS app");
    const custom = { table: "retort_versions", schema: "app" };
    const { alembicRows, retort } = await alembicThenRead(project.alembicIni, { kind: "upgrade", target: "heads", startRows: null }, custom);
    expect(alembicRows.length).toBeGreaterThan(0);
    expect(retort).toEqual({ tableExists: true, rows: alembicRows });
    expect(await readVersionRows(client, table)).toEqual({ tableExists: false, rows: [] });
  });
});

describe("a merge file rendered by Retort", () => {
  /** a → b → {c1, c2}: two heads, each file in a random style. */
  function twoHeadProject(dir: string, seed: number): void {
    writeAlembicScaffold({ dir, logTable: "compat_log" });
    const rng = createRng(seed);
    const node = (revision: string, downRevisions: string[]): GraphNode =>
      ({ revision, downRevisions, dependsOn: [], dependencyIds: [], branchLabels: [], message: `create ${revision}`, legacy: false });
    const nodes = [node("aaaa00000001", []), node("bbbb00000002", ["aaaa00000001"]),
      node("c1c100000003", ["bbbb00000002"]), node("c2c200000004", ["bbbb00000002"])];
    for (const n of nodes) {
      writeFileSync(path.join(dir, "versions", `${n.revision}_create.py`), renderPythonRevision(n, randomStyle(rng), "2026-01-02 03:04:05.000006", "compat_log"));
    }
  }

  for (const style of ["modern", "legacy"] as const) {
    it(`is accepted by real alembic heads and run by alembic upgrade heads (${style} style)`, async () => {
      const dir = path.join(workDir, `merge-${style}`);
      twoHeadProject(dir, style.length);
      const ini = path.join(dir, "alembic.ini");
      const [before] = await runAlembicJob({ alembicIni: ini, databaseUrl: database.url, operations: [{ kind: "heads" }] });
      expect(before!.heads).toEqual(["c1c100000003", "c2c200000004"]);

      const text = renderAlembicRevision({ revision: "e0e0e0e00005", downRevisions: ["c1c100000003", "c2c200000004"],
        message: "merge c1 and c2", branchLabels: [], dependsOn: [], createDate: "2026-01-02 03:04:06.000007", style });
      writeFileSync(path.join(dir, "versions", "e0e0e0e00005_merge_c1_and_c2.py"), text);

      const [heads, upgrade] = await runAlembicJob({ alembicIni: ini, databaseUrl: database.url,
        operations: [{ kind: "heads" }, { kind: "upgrade", target: "heads", startRows: null }] });
      expect(heads!.heads).toEqual(["e0e0e0e00005"]);
      expect(upgrade!.error).toBeUndefined();
      expect(upgrade!.rows).toEqual(["e0e0e0e00005"]);
      expect(upgrade!.steps!.map((s) => s.revision).slice(0, 2)).toEqual(["aaaa00000001", "bbbb00000002"]);

      // Retort reads its own file back and plans the same run.
      const retort = await loadRetortProject({ alembicIni: ini });
      expect(retort.problems).toEqual([]);
      const planned = runRetortOperation(retort, { kind: "upgrade", target: "heads", startRows: null });
      // The rendered merge body is `pass`, so it logs no step of its own.
      expect(planned).toEqual({ ok: true, steps: [...upgrade!.steps!, { revision: "e0e0e0e00005", direction: "up" }], rows: ["e0e0e0e00005"] });
    });
  }
});
