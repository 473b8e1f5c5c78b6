// The CLI contract is the same on every backend: `retort current|upgrade|downgrade|stamp|check
// --url sqlite:///x.db` and `--url mysql://…` print the same JSON as on PostgreSQL.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../cli-harness";
import { BACKEND_KINDS, createTarget, type BackendKind, type TestTarget } from "../backends";

const IDS = ["a1a1a1a1a1a1", "b2b2b2b2b2b2", "c3c3c3c3c3c3", "d4d4d4d4d4d4"];
function revision(id: string, down: string, up: string, downSql: string): string {
  return `-- revision: ${id}\n-- down_revision: ${down}\n-- message: step ${id}\n\n-- migrate:up\n${up}\n\n-- migrate:down\n${downSql}\n`;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "retort-cli-backends-"));
  writeFileSync(path.join(dir, "001.sql"), revision(IDS[0]!, "", "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);", "DROP TABLE items;"));
  writeFileSync(path.join(dir, "002.sql"), revision(IDS[1]!, IDS[0]!, "ALTER TABLE items ADD COLUMN qty INTEGER;", "ALTER TABLE items DROP COLUMN qty;"));
  writeFileSync(path.join(dir, "003.sql"), revision(IDS[2]!, IDS[0]!, "CREATE TABLE places (id INTEGER PRIMARY KEY);", "DROP TABLE places;"));
  writeFileSync(path.join(dir, "004.sql"), `-- revision: ${IDS[3]}\n-- down_revision: ${IDS[1]}, ${IDS[2]}\n-- message: merge\n\n-- migrate:up\n\n-- migrate:down\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The whole session, in order; each entry is [argv, exit code, JSON]. */
async function session(url: string): Promise<Array<[string, number, unknown]>> {
  const commands = [
    ["current"], ["check"], ["upgrade", "heads", "--dry-run"], ["upgrade", `${IDS[1]}`], ["current"], ["upgrade", "heads"], ["current"], ["check"],
    ["downgrade", "-1"], ["current"], ["stamp", IDS[0]!, "--purge"], ["current"], ["stamp", "base"], ["downgrade", "base"],
  ];
  const out: Array<[string, number, unknown]> = [];
  for (const command of commands) {
    const run = await runCli([...command, "--dir", dir, "--url", url, "--json"], { DATABASE_URL: undefined });
    out.push([command.join(" "), run.code, run.json]);
  }
  return out;
}

describe("the CLI on every backend", () => {
  const targets = new Map<BackendKind, TestTarget>();
  beforeAll(async () => {
    for (const kind of BACKEND_KINDS) targets.set(kind, await createTarget(kind, "cli"));
  });
  afterAll(async () => {
    for (const target of targets.values()) await target.drop();
  });

  it("prints the same JSON for current, upgrade, downgrade, stamp and check on PostgreSQL, SQLite and MySQL", async () => {
    const postgres = await session(targets.get("postgresql")!.url);
    expect(postgres.map(([command, code]) => `${command}:${code}`)).toEqual([
      "current:0", "check:1", "upgrade heads --dry-run:0", `upgrade ${IDS[1]}:0`, "current:0", "upgrade heads:0", "current:0", "check:0",
      "downgrade -1:1", "current:0", `stamp ${IDS[0]} --purge:0`, "current:0", "stamp base:0", "downgrade base:0",
    ]);
    expect(postgres[0]![2]).toEqual({ rows: [], table_exists: false });
    expect(postgres[6]![2]).toEqual({ rows: [IDS[3]], table_exists: true });
    // `downgrade -1` from a merge is refused by the planner, with the same error document everywhere.
    expect(postgres[8]![2]).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    for (const kind of ["sqlite", "mysql"] as const) {
      expect(await session(targets.get(kind)!.url), kind).toEqual(postgres);
    }
    expect(await targets.get("mysql")!.versionRows()).toEqual([]);
  });

  it("reads a relative sqlite:/// path against the working directory, and a read never creates the file", () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), "retort-cli-cwd-"));
    const cli = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, "bin", "retort.mjs"), ...args, "--dir", dir, "--json"], { cwd, encoding: "utf8" });
    const current = cli(["current", "--url", "sqlite:///dev.db"]);
    expect(JSON.parse(current.stdout)).toEqual({ rows: [], table_exists: false });
    expect(existsSync(path.join(cwd, "dev.db"))).toBe(false);
    const upgrade = cli(["upgrade", "heads", "--url", "sqlite:///dev.db"]);
    expect(JSON.parse(upgrade.stdout)).toMatchObject({ before: [], after: [IDS[3]] });
    expect(existsSync(path.join(cwd, "dev.db"))).toBe(true);
    rmSync(cwd, { recursive: true, force: true });
  });

  it("refuses an unsupported URL by naming its scheme, never echoing it", async () => {
    const run = await runCli(["current", "--dir", dir, "--url", "oracle://scott:tiger-pw@db/orcl", "--json"]);
    expect(run.code).not.toBe(0);
    expect(run.json.error.code).toBe("invalid-url");
    expect(run.json.error.message).toContain('unsupported database "oracle"');
    expect(run.stdout + run.stderr).not.toMatch(/tiger-pw|scott/);
  });
});
