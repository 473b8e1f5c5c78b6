// `retort drift` and `retort check --drift` as a user runs them (node bin/retort.mjs), per backend:
// the database is brought to a revision by the CLI itself (so retort_revision is written by the
// executor), then changed by hand, and the real process's exit code, JSON and text are checked.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SchemaDialect } from "../../lib/core/schema/model";
import type { ReplayConnection } from "../../lib/server/schema/reader";
import { runCli, spawnCli } from "../cli-harness";
import { adminUrl } from "../db";
import { BY_HAND, fixtureRevisions, REV, writeSqlProject } from "../schema/fixture-project";
import { createLiveDatabase, type LiveDatabase } from "../schema/live";

const DIALECTS: SchemaDialect[] = ["postgresql", "sqlite", "mysql"];
let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "retort-drift-cli-data-"));
  // PostgreSQL scratch databases go on the test server; the schema cache in a directory of its own.
  env = { RETORT_SCRATCH_POSTGRES_URL: adminUrl(), RETORT_DATA_DIR: dataDir };
});
afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

describe.each(DIALECTS)("retort drift on %s", (dialect) => {
  let live: LiveDatabase;
  let connection: ReplayConnection;
  let project: { dir: string; drop(): Promise<void> };
  const drift = (...extra: string[]) => spawnCli(["drift", "--dir", project.dir, "--url", live.url, ...extra], env);
  const cli = (...args: string[]) => runCli([...args, "--dir", project.dir, "--url", live.url, "--json"], { ...env, DATABASE_URL: undefined });

  beforeEach(async () => {
    live = await createLiveDatabase(dialect);
    project = await writeSqlProject(fixtureRevisions(dialect), "retort-drift-cli");
    expect((await cli("upgrade", REV.pending)).code).toBe(0);
    connection = await live.open();
  });
  afterEach(async () => {
    await connection.close();
    await live.drop();
    await project.drop();
  });

  it("(a) exits 0 with no differences after `retort upgrade`, and check --drift passes", async () => {
    const run = drift("--json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ rows: [REV.pending], compared_with: [REV.pending], differences: [], baseline: null, checksums: [], matches: true, error: null });
    expect(drift().stdout).toContain(`the schema matches revision ${REV.pending}`);
    const check = spawnCli(["check", "--drift", "--dir", project.dir, "--url", live.url, "--json"], env);
    expect(check.code).toBe(0);
    expect(check.json).toMatchObject({ ok: true, drift: { matches: true } });
  });

  it("(b) exits 1 and lists what was added by hand, grouped by table, with the SQL that reconciles it", async () => {
    await connection.execute(BY_HAND[dialect].additions);
    const run = drift("--json");
    expect(run.code).toBe(1);
    const names = run.json.differences.map((d: { change: string; kind: string; name: string }) => `${d.change} ${d.kind} ${d.name}`).sort();
    const unique = BY_HAND[dialect].additionsUnique;
    expect(names).toEqual(["extra column loyalty_points", "extra index customers_created_idx", `extra ${unique.kind} ${unique.name}`].sort());
    const text = drift().stdout;
    expect(text).toMatch(/3 differences from revision/);
    expect(text).toMatch(/table customers:\n(?:.*\n)*?\s+extra column loyalty_points\n\s+reconcile: ALTER TABLE .customers. DROP COLUMN .loyalty_points./);
    const check = spawnCli(["check", "--drift", "--dir", project.dir, "--url", live.url, "--json"], env);
    expect(check.code).toBe(1);
    expect(check.json.problems.map((p: { code: string }) => p.code)).toEqual(["drift"]);
  });

  it("(d) names the revision first among baseline candidates with 0 differences once the version table is gone", async () => {
    await connection.execute("DROP TABLE alembic_version");
    const run = drift("--json");
    expect(run.code).toBe(1);
    expect(run.json.rows).toBeNull();
    expect(run.json.compared_with).toBeNull();
    expect(run.json.baseline.candidates[0]).toMatchObject({ revision: REV.pending, differences: 0 });
    expect(drift().stdout).toContain(`${REV.pending}  0 differences  → retort stamp ${REV.pending}`);
  });

  it("(e) after `retort stamp` of a wrong revision, lists exactly what lies between the two", async () => {
    expect((await cli("stamp", REV.merge, "--purge")).code).toBe(0);
    const run = drift("--json");
    expect(run.code).toBe(1);
    expect(run.json.compared_with).toEqual([REV.merge]);
    const between: Record<SchemaDialect, string[]> = {
      postgresql: ["extra constraint products_name_key", "extra index orders_pending_idx"],
      sqlite: ["extra index orders_pending_idx", "extra index products_name_key"],
      mysql: ["extra constraint products_name_key", "extra index orders_status_idx"],
    };
    expect(run.json.differences.map((d: { change: string; kind: string; name: string }) => `${d.change} ${d.kind} ${d.name}`).sort()).toEqual(between[dialect]);
  });

  it("(f) reports a file edited after `retort upgrade` applied it; a downgrade forgets what it took back", async () => {
    const files = (await fs.readdir(project.dir)).sort();
    await fs.appendFile(path.join(project.dir, files[0]!), "\n-- edited after it was applied\n");
    const run = drift("--json");
    expect(run.code).toBe(1);
    expect(run.json.differences).toEqual([]);
    expect(run.json.checksums).toEqual([{ revision: REV.customers, state: "edited", path: files[0] }]);
    expect(drift().stdout).toContain(`revision ${REV.customers}: file ${files[0]} edited after it was applied`);
    // The fixture's downgrades are empty: the tables stay, the version rows and the digests go.
    expect((await cli("downgrade", "base")).code).toBe(0);
    expect((await connection.query("SELECT revision FROM retort_revision")).rows).toEqual([]);
    expect(drift("--json").json).toMatchObject({ rows: [], checksums: [] });
  });

  it("exits 2, naming the revision, when a migration fails during the replay", async () => {
    const files = (await fs.readdir(project.dir)).sort();
    const file = path.join(project.dir, files[1]!);
    await fs.writeFile(file, (await fs.readFile(file, "utf8")).replace("-- migrate:up\n", "-- migrate:up\nTHIS IS NOT SQL;\n"));
    const run = drift("--json");
    expect(run.code).toBe(2);
    expect(run.json.error).toMatchObject({ code: "replay-failed", revision: REV.products });
    expect(run.stderr).toBe("");
  });
});

describe("retort drift refuses bad input with exit 2", () => {
  let dir: string;
  beforeAll(async () => {
    dir = (await writeSqlProject(fixtureRevisions("postgresql"), "retort-drift-cli-bad")).dir;
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it("an unknown environment, without touching any database", async () => {
    const config = path.join(dir, "retort.config.json");
    await fs.writeFile(config, JSON.stringify({ projects: [{ name: "fixture", dir }], environments: [{ name: "dev", project: "fixture", url: "sqlite:///nowhere.db" }] }));
    const run = spawnCli(["drift", "--config", config, "--env", "prod", "--json"], env);
    expect(run.code).toBe(2);
    expect(run.json.error).toMatchObject({ code: "unknown-environment", message: expect.stringContaining("'prod'") });
  });

  it.each([
    ["postgresql", "postgresql://drifter:Sup3rS3cretPw@127.0.0.1:9/app"],
    ["mysql", "mysql://drifter:Sup3rS3cretPw@127.0.0.1:9/app"],
  ])("an unreachable %s server, with no password, user or host in the message", async (_kind, url) => {
    for (const json of [true, false]) {
      const run = spawnCli(["drift", "--dir", dir, "--url", url, ...(json ? ["--json"] : [])], env);
      expect(run.code).toBe(2);
      const said = run.stdout + run.stderr;
      expect(said).toMatch(/Cannot connect/);
      for (const secret of ["Sup3rS3cretPw", "drifter", "127.0.0.1"]) expect(said).not.toContain(secret);
    }
  });

  it("a SQLite file that does not exist (and is not created), --from, and no database at all", async () => {
    const file = path.join(dir, "missing.db");
    const missing = spawnCli(["drift", "--dir", dir, "--url", `sqlite:///${file}`, "--json"], env);
    expect(missing.code).toBe(2);
    expect(missing.json.error.message).toContain("does not exist");
    expect(existsSync(file)).toBe(false);
    expect(spawnCli(["drift", "--dir", dir, "--from", REV.pending, "--json"], env).code).toBe(2);
    const none = spawnCli(["drift", "--dir", dir, "--json"], { ...env, DATABASE_URL: "" });
    expect(none.code).toBe(2);
  });
});
