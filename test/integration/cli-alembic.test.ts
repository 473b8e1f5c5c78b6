// The CLI on Alembic projects and damaged directories: problems listed and a non-zero exit,
// output that never looks like a run that did not happen, labelled heads, new revisions that real
// Alembic loads, and `upgrade --url` running the project's alembic with no configuration file.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SORTED_ALEMBIC, alembicPython } from "../compat/alembic-side";
import { ROOT, runCli } from "../cli-harness";
import { createTestDatabase, query, type TestDatabase, versionRows } from "../db";

const ENVS = path.join(ROOT, "test/fixtures/alembic-envs");
const NEUTRON_INI = path.join(ROOT, "test/fixtures/corpus/neutron/neutron/db/migration/alembic.ini");
const tmp: string[] = [];
let db: TestDatabase;

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "retort-cli-alembic-"));
  tmp.push(dir);
  return dir;
}

/** A copy of the sync env.py fixture with only revisions a1 and b1 (d1 fails on purpose). */
function alembicProject(): string {
  const dir = tempDir();
  cpSync(path.join(ENVS, "sync"), path.join(dir, "sync"), { recursive: true });
  cpSync(path.join(ENVS, "sync.ini"), path.join(dir, "alembic.ini"));
  mkdirSync(path.join(dir, "versions"));
  for (const file of ["a1_create_items.py", "b1_add_price.py"]) cpSync(path.join(ENVS, "versions", file), path.join(dir, "versions", file));
  return dir;
}

beforeAll(async () => {
  db = await createTestDatabase("cli_alembic");
});
afterAll(async () => {
  await db?.drop();
  for (const dir of tmp) rmSync(dir, { recursive: true, force: true });
});

describe("read-only commands on damaged directories", () => {
  it("heads prints what it can, lists the problems in JSON and exits 1", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a1.py"), "revision = 'a1'\ndown_revision = None\n");
    writeFileSync(path.join(dir, "b1.py"), "revision = 'b1'\ndown_revision = 'gone'\n");
    const text = await runCli(["heads", "--dir", dir]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("b1 (head)");
    expect(text.stderr).toContain("error: b1.py: Revision gone referenced from b1 is not present");
    const json = await runCli(["history", "--dir", dir, "--json"]);
    expect(json.code).toBe(1);
    expect(json.json.problems).toMatchObject([{ code: "missing-parent", severity: "error", file: "b1.py" }]);
    expect(json.json.revisions.map((r: { revision: string }) => r.revision).sort()).toEqual(["a1", "b1"]);
  });

  it("an empty directory is an error that says where Retort looked", async () => {
    const dir = tempDir();
    const result = await runCli(["heads", "--dir", dir, "--json"]);
    expect(result.code).toBe(1);
    expect(result.json.problems).toMatchObject([{ code: "no-revisions", message: expect.stringContaining(`Retort looked in ${dir}`) }]);
  });

  it("check passes neutron's labelled expand and contract heads, and says so", async () => {
    const result = await runCli(["check", "--alembic-ini", NEUTRON_INI]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/OK: 132 revisions, labelled branches \w+ \(contract\), \w+ \(expand\)/);
  });

  it("check --allow-pending leaves pending revisions out of the gate", async () => {
    const dir = alembicProject();
    expect((await runCli(["check", "--dir", dir, "--from", "a1"])).code).toBe(1);
    expect((await runCli(["check", "--dir", dir, "--from", "a1", "--allow-pending"])).code).toBe(0);
  });
});

describe("output that does not mislead", () => {
  it("a dry run says it is one, in text and in JSON", async () => {
    const dir = alembicProject();
    const text = await runCli(["upgrade", "heads", "--dir", dir, "--from", ""]);
    expect(text.stdout.split("\n")[0]).toBe("Dry run: nothing is changed. Plan from the rows given with --from (empty):");
    const json = await runCli(["upgrade", "heads", "--dir", dir, "--url", db.url, "--dry-run", "--json"]);
    expect(json.json).toMatchObject({ dry_run: true, steps: [{ revision: "a1" }, { revision: "b1" }] });
  });

  it("a refused run prints no 'Running upgrade' lines", async () => {
    const dir = alembicProject();
    writeFileSync(path.join(dir, "retort.config.json"), JSON.stringify({ projects: [{ name: "p", alembicIni: "alembic.ini" }],
      environments: [{ name: "prod", project: "p", url: "${CLI_ALEMBIC_URL}", protection: "confirm" }] }));
    const result = await runCli(["upgrade", "heads", "--env", "prod", "--config", path.join(dir, "retort.config.json")], { CLI_ALEMBIC_URL: db.url });
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).not.toContain("Running upgrade");
    expect(result.stderr).toContain("--confirm prod");
  });

  it("upgrade --url runs the project's alembic without a config file, under the lock, and checks the rows", async () => {
    const dir = alembicProject();
    const result = await runCli(["upgrade", "heads", "--dir", dir, "--url", db.url, "--json"]);
    expect(result.json).toMatchObject({ before: [], after: ["b1"], steps: [{ revision: "a1", direction: "up" }, { revision: "b1", direction: "up" }] });
    expect(await versionRows(db.url)).toEqual(["b1"]);
    expect(await query(db.url, "SELECT column_name FROM information_schema.columns WHERE table_name = 'rt_items' ORDER BY 1")).toEqual([{ column_name: "id" }, { column_name: "name" }, { column_name: "price" }]);
  });

  it("stamp prints its rows once", async () => {
    const dir = alembicProject();
    const result = await runCli(["stamp", "a1", "--dir", dir, "--url", db.url]);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/rows: /g)).toHaveLength(1);
    expect(await versionRows(db.url)).toEqual(["a1"]);
  });
});

describe("retort revision", () => {
  it("writes a revision from the project's script.py.mako that real Alembic loads and upgrades", async () => {
    const dir = alembicProject();
    const first = await runCli(["revision", "--dir", dir, "-m", "Add orders, à la carte!", "--rev-id", "c9", "--json"]);
    expect(first.json).toMatchObject({ revision: "c9", down_revisions: ["b1"], template: "script.py.mako" });
    expect(readdirSync(path.join(dir, "versions"))).toContain("c9_add_orders_à_la_carte.py");
    const labelled = await runCli(["revision", "--dir", dir, "-m", "new root", "--head", "base", "--branch-label", "side", "--rev-id", "r0", "--json"]);
    expect(labelled.code).toBe(0);
    const heads = spawnSync(alembicPython(), [SORTED_ALEMBIC, "-c", "alembic.ini", "heads"], { cwd: dir, encoding: "utf8" });
    expect(heads.stdout.trim().split("\n").sort()).toEqual(["c9 (head)", "r0 (side) (head)"]);
    const upgrade = spawnSync(alembicPython(), [path.join(ROOT, "lib/server/actions/alembic_run.py"), "-c", "alembic.ini", "upgrade", "heads", "--sql"],
      { cwd: dir, encoding: "utf8", env: { ...process.env, RETORT_TARGET_URL: db.url } });
    expect(upgrade.status).toBe(0);
    expect(upgrade.stdout).toContain("-- Running upgrade b1 -> c9");
  });

  it("refuses a non-head without --splice and several heads without --head, with Alembic's words", async () => {
    const dir = alembicProject();
    expect((await runCli(["revision", "--dir", dir, "-m", "x", "--head", "a1", "--json"])).json.error.message).toBe(
      "Revision a1 is not a head revision; please specify --splice to create a new branch from this revision");
    await runCli(["revision", "--dir", dir, "-m", "side", "--head", "a1", "--splice", "--rev-id", "s1"]);
    expect((await runCli(["revision", "--dir", dir, "-m", "x", "--json"])).json.error.message).toBe(
      "Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.");
  });
});
