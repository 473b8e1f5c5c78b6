// Checksums on the Alembic runner's path: `retort upgrade` of an Alembic project runs real
// Alembic, then records each applied file's digest; `retort drift` compares through real
// Alembic's replay and reports a file edited after apply. SQLite and MariaDB.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SchemaDialect } from "../../lib/core/schema/model";
import { runCli, spawnCli } from "../cli-harness";
import { TINY, writeTinyAlembicProject } from "../schema/alembic-project";
import { createLiveDatabase, type LiveDatabase } from "../schema/live";

let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "retort-drift-alembic-data-"));
});
afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

describe.each(["sqlite", "mysql"] as SchemaDialect[])("an Alembic project on %s", (dialect) => {
  let live: LiveDatabase;
  let project: ReturnType<typeof writeTinyAlembicProject>;
  const env = () => ({ RETORT_DATA_DIR: dataDir });
  const cli = (...args: string[]) => runCli([...args, "--dir", project.root, "--url", live.url, "--json"], { ...env(), DATABASE_URL: undefined });
  const recorded = async () => {
    const connection = await live.open();
    try {
      return (await connection.query<{ revision: string; action: string }>("SELECT revision, action FROM retort_revision ORDER BY revision")).rows.map((r) => `${r.revision} ${r.action}`);
    } finally {
      await connection.close();
    }
  };

  beforeEach(async () => {
    live = await createLiveDatabase(dialect);
    project = writeTinyAlembicProject();
  });
  afterEach(async () => {
    await live.drop();
    project.drop();
  });

  it("records what real Alembic applied, matches its replay, then reports an edited file", async () => {
    const upgrade = await cli("upgrade", "heads");
    expect(upgrade.json, JSON.stringify(upgrade.json)).toMatchObject({ after: [TINY.parts] });
    expect(await recorded()).toEqual([`${TINY.widgets} upgrade`, `${TINY.colour} upgrade`, `${TINY.parts} upgrade`].sort());
    const clean = spawnCli(["drift", "--dir", project.root, "--url", live.url, "--json"], env());
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.json).toMatchObject({ compared_with: [TINY.parts], differences: [], checksums: [] });
    const file = path.join(project.root, "alembic", "versions", `${TINY.colour}_step.py`);
    await fs.appendFile(file, "\n# edited after it was applied\n");
    const edited = spawnCli(["drift", "--dir", project.root, "--url", live.url, "--json"], env());
    expect(edited.code).toBe(1);
    expect(edited.json.checksums).toEqual([{ revision: TINY.colour, state: "edited", path: `alembic/versions/${TINY.colour}_step.py` }]);
    // Stamping down forgets what it takes back (the digest of a revision no longer applied says nothing).
    expect((await cli("stamp", TINY.widgets)).code).toBe(0);
    expect(await recorded()).toEqual([`${TINY.widgets} upgrade`]);
  });
});
