import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, spawnCli } from "../cli-harness";
import { createTestDatabase, query, type TestDatabase, versionRows } from "../db";

const SHOP = path.join(ROOT, "migrations", "shop");
const BROKEN = path.join(ROOT, "migrations", "broken");
const tmp: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "retort-cli-"));
  tmp.push(dir);
  return dir;
}

function sqlRevision(id: string, down: string | null, up: string): string {
  return `-- revision: ${id}\n-- down_revision: ${down ?? ""}\n-- message: step ${id}\n\n-- migrate:up\n${up}\n\n-- migrate:down\nSELECT 1;\n`;
}

afterAll(() => {
  for (const dir of tmp) rmSync(dir, { recursive: true, force: true });
});

describe("read-only commands on the bundled shop project", () => {
  it("lists the two divergent heads, the real heads and the base", async () => {
    const run = await runCli(["heads", "--dir", SHOP, "--json"]);
    expect(run.code).toBe(0);
    expect(run.json.heads).toHaveLength(2);
    expect(new Set(run.json.real_heads)).toEqual(new Set(run.json.heads));
    expect(run.json.bases).toEqual(["3c1e9a7b2d40"]);
  });

  it("lists history newest first with graph flags", async () => {
    const run = await runCli(["history", "--dir", SHOP, "--json"]);
    const revisions = run.json.revisions as Array<Record<string, unknown>>;
    expect(revisions.length).toBeGreaterThanOrEqual(15);
    expect(revisions[0]!.is_head).toBe(true);
    expect(revisions.at(-1)!.is_base).toBe(true);
    expect(revisions.some((r) => r.is_merge_point)).toBe(true);
    expect(revisions.some((r) => r.is_branch_point)).toBe(true);
    expect(Object.keys(revisions[0]!).sort()).toEqual(
      ["branch_labels", "depends_on", "down_revisions", "is_base", "is_branch_point", "is_head", "is_merge_point", "message", "path", "revision"],
    );
  });

  it("plans upgrade heads from an empty table with --from and no database", async () => {
    const heads = (await runCli(["heads", "--dir", SHOP, "--json"])).json.heads as string[];
    const run = await runCli(["upgrade", "heads", "--dir", SHOP, "--from", "", "--json"]);
    expect(run.code).toBe(0);
    const steps = run.json.steps as Array<{ revision: string; direction: string }>;
    expect(new Set(steps.map((s) => s.revision)).size).toBe(steps.length);
    expect(steps.every((s) => s.direction === "up")).toBe(true);
    expect(steps[0]!.revision).toBe("3c1e9a7b2d40");
    expect(run.json.before).toEqual([]);
    expect(run.json.after).toEqual([...heads].sort());
  });

  it("refuses `upgrade head` when two heads exist, with a stable code", async () => {
    const run = await runCli(["upgrade", "head", "--dir", SHOP, "--from", "", "--json"]);
    expect(run.code).not.toBe(0);
    expect(run.json.error.code).toBe("multiple-heads");
    expect(run.json.error.message).toContain("Multiple head revisions are present");
  });

  it("refuses an unknown revision with Alembic's wording", async () => {
    const run = await runCli(["upgrade", "zzzz9", "--dir", SHOP, "--from", "", "--json"]);
    expect(run.code).not.toBe(0);
    expect(run.json).toEqual({ error: { code: "unknown-revision", message: expect.stringContaining("Can't locate revision identified by 'zzzz9'") } });
  });

  it("renders offline SQL that creates the version table and runs each step", async () => {
    const run = await runCli(["upgrade", "3c1e9a7b2d40", "--dir", SHOP, "--from", "", "--sql"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("CREATE TABLE alembic_version");
    expect(run.stdout).toContain("-- Running upgrade  -> 3c1e9a7b2d40");
    expect(run.stdout).toContain("INSERT INTO alembic_version (version_num) VALUES ('3c1e9a7b2d40')");
  });
});

describe("check, the CI gate", () => {
  it("fails on two heads and says how to fix it", async () => {
    const run = await runCli(["check", "--dir", SHOP, "--json"]);
    expect(run.code).toBe(1);
    expect(run.json.problems.map((p: { code: string }) => p.code)).toContain("multiple-heads");
  });

  it("fails on a cycle, naming the revisions and files", async () => {
    const run = await runCli(["check", "--dir", BROKEN]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Cycle is detected in revisions \(.*4e5f60718293.*\)/);
  });

  it("reports a revision file Alembic could not load, with file and line", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a1_first.py"), `"""first"""\nrevision = 'a1a1'\ndown_revision = None\n`);
    writeFileSync(path.join(dir, "b2_second.py"), `"""second"""\nrevision = 'b2b2'\n\ndef upgrade():\n    pass\n`);
    const run = await runCli(["check", "--dir", dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/b2_second\.py.*down_revision/);
  });

  it("passes a clean single-head directory", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "001.sql"), sqlRevision("aaaa0001", null, "SELECT 1;"));
    const run = await runCli(["check", "--dir", dir, "--json"]);
    expect(run.json).toEqual({ ok: true, problems: [] });
    expect(run.code).toBe(0);
  });
});

describe("against a real PostgreSQL", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("retort_cli");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("upgrades to heads, then reads the rows back with current and passes check", async () => {
    const up = await runCli(["upgrade", "heads", "--dir", SHOP, "--url", db.url, "--json"]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    const heads = (await runCli(["heads", "--dir", SHOP, "--json"])).json.heads as string[];
    expect(await versionRows(db.url)).toEqual([...heads].sort());
    const current = await runCli(["current", "--dir", SHOP, "--url", db.url, "--json"]);
    expect(current.json).toEqual({ rows: [...heads].sort(), table_exists: true });
    const again = await runCli(["upgrade", "heads", "--dir", SHOP, "--url", db.url, "--json"]);
    expect(again.json.steps).toEqual([]);
    const check = await runCli(["check", "--dir", SHOP, "--url", db.url, "--json"]);
    expect(check.json.problems.map((p: { code: string }) => p.code)).toEqual(["multiple-heads"]);
  });

  it("stamps and reports an unknown row as drift in check", async () => {
    const other = await createTestDatabase("retort_cli_stamp");
    try {
      const stamp = await runCli(["stamp", "8f02d6c4a1b7", "--dir", SHOP, "--url", other.url, "--json"]);
      expect(stamp.json).toEqual({ before: [], after: ["8f02d6c4a1b7"] });
      await query(other.url, "UPDATE alembic_version SET version_num = 'feedface0000'");
      const check = await runCli(["check", "--dir", SHOP, "--url", other.url, "--json"]);
      expect(check.code).toBe(1);
      expect(check.json.problems.map((p: { code: string }) => p.code)).toContain("unknown-revision");
      const refused = await runCli(["upgrade", "heads", "--dir", SHOP, "--url", other.url, "--json"]);
      expect(refused.json.error.message).toContain("Can't locate revision identified by 'feedface0000'");
    } finally {
      await other.drop();
    }
  });

  it("stops at the failing step and leaves the rows at the last good revision", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "001.sql"), sqlRevision("aaaa0001", null, "CREATE TABLE t1 (id int);"));
    writeFileSync(path.join(dir, "002.sql"), sqlRevision("bbbb0002", "aaaa0001", "INSERT INTO missing_table VALUES (1);"));
    writeFileSync(path.join(dir, "003.sql"), sqlRevision("cccc0003", "bbbb0002", "CREATE TABLE t3 (id int);"));
    const other = await createTestDatabase("retort_cli_fail");
    try {
      const run = await runCli(["upgrade", "heads", "--dir", dir, "--url", other.url, "--json"]);
      expect(run.code).not.toBe(0);
      expect(run.json.error.code).toBe("step-failed");
      expect(run.json.error.message).toMatch(/bbbb0002/);
      expect(run.json.error.message).toMatch(/missing_table/);
      expect(await versionRows(other.url)).toEqual(["aaaa0001"]);
    } finally {
      await other.drop();
    }
  });

  it("leaves no lock behind when the retort process is killed mid-step", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "001.sql"), sqlRevision("aaaa0001", null, "CREATE TABLE t1 (id int);"));
    writeFileSync(path.join(dir, "002.sql"), sqlRevision("bbbb0002", "aaaa0001", "SELECT pg_sleep(60);"));
    writeFileSync(path.join(dir, "003.sql"), sqlRevision("cccc0003", "bbbb0002", "CREATE TABLE t3 (id int);"));
    const other = await createTestDatabase("retort_cli_kill");
    const advisoryLocks = async () =>
      (await query<{ n: number }>(other.url, "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))[0]!.n;
    const waitFor = async (what: string, ok: () => Promise<boolean>, seconds: number) => {
      for (let i = 0; i < seconds * 10; i++) {
        if (await ok()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${what}`);
    };
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "retort.mjs"), "upgrade", "heads", "--dir", dir, "--url", other.url, "--json"], { stdio: "ignore" });
    try {
      await waitFor("the second step to start", async () =>
        (await query(other.url, "SELECT 1 FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND state = 'active' AND pid <> pg_backend_pid()")).length > 0, 60);
      expect(await advisoryLocks()).toBe(1);
      child.kill("SIGKILL");
      await waitFor("the lock to be released", async () => (await advisoryLocks()) === 0, 20);
      expect(await versionRows(other.url)).toEqual(["aaaa0001"]);
      writeFileSync(path.join(dir, "002.sql"), sqlRevision("bbbb0002", "aaaa0001", "SELECT 1;"));
      const again = await runCli(["upgrade", "heads", "--dir", dir, "--url", other.url, "--json"]);
      expect(again.code, again.stdout).toBe(0);
      expect(await versionRows(other.url)).toEqual(["cccc0003"]);
    } finally {
      child.kill("SIGKILL");
      await other.drop();
    }
  });

  it("never prints the password of an unreachable database", async () => {
    const run = await runCli(["current", "--dir", SHOP, "--url", "postgres://app:hunter2secret@127.0.0.1:1/nowhere", "--json"]);
    expect(run.code).not.toBe(0);
    expect(run.json.error.code).toBe("connection");
    expect(run.stdout + run.stderr).not.toContain("hunter2secret");
  });
});

describe("configured environments (--env)", () => {
  let db: TestDatabase;
  let config: string;
  beforeAll(async () => {
    db = await createTestDatabase("retort_cli_env");
    const dir = tempDir();
    config = path.join(dir, "retort.config.json");
    writeFileSync(config, JSON.stringify({
      projects: [{ name: "shop", dir: SHOP }],
      environments: [
        { name: "prod", project: "shop", url: "${RETORT_TEST_PROD_URL}", protection: "confirm" },
        { name: "frozen", project: "shop", url: "${RETORT_TEST_PROD_URL}", protection: "readonly" },
      ],
    }));
  });
  afterAll(async () => {
    await db?.drop();
  });
  const env = () => ({ RETORT_TEST_PROD_URL: db.url });

  it("asks for the environment's name before changing a protected database", async () => {
    const refused = await runCli(["upgrade", "a7c4e2f90b15", "--config", config, "--env", "prod", "--json"], env());
    expect(refused.json.error.code).toBe("confirmation-required");
    expect(await versionRows(db.url)).toBeNull();
    const done = await runCli(["upgrade", "a7c4e2f90b15", "--config", config, "--env", "prod", "--confirm", "prod", "--json"], env());
    expect(done.code, done.stdout).toBe(0);
    expect(await versionRows(db.url)).toEqual(["a7c4e2f90b15"]);
  });

  it("downgrades one step and back to base, as Alembic would", async () => {
    const one = await runCli(["downgrade", "-1", "--config", config, "--env", "prod", "--confirm", "prod", "--json"], env());
    expect(one.json.steps).toEqual([{ revision: "a7c4e2f90b15", direction: "down" }]);
    expect(await versionRows(db.url)).toEqual(["51ab7e0c9d23"]);
    const base = await runCli(["downgrade", "base", "--config", config, "--env", "prod", "--confirm", "prod", "--json"], env());
    expect(base.json.after).toEqual([]);
    expect(await versionRows(db.url)).toEqual([]);
  });

  it("refuses any change to a read-only environment, but still reads it", async () => {
    const refused = await runCli(["stamp", "heads", "--config", config, "--env", "frozen", "--json"], env());
    expect(refused.json.error.code).toBe("forbidden");
    const current = await runCli(["current", "--config", config, "--env", "frozen", "--json"], env());
    expect(current.json).toEqual({ rows: [], table_exists: true });
  });

  it("names the missing variable, never a URL", async () => {
    const run = await runCli(["current", "--config", config, "--env", "prod", "--json"], { RETORT_TEST_PROD_URL: undefined });
    expect(run.json.error.code).toBe("config");
    expect(run.json.error.message).toContain("RETORT_TEST_PROD_URL");
  });
});

describe("an Alembic project through --env", () => {
  it("upgrades through the real alembic command and reads back the rows", async () => {
    const db = await createTestDatabase("retort_cli_alembic");
    const dir = tempDir();
    cpSync(path.join(ROOT, "migrations", "ledger"), path.join(dir, "ledger"), { recursive: true });
    const config = path.join(dir, "retort.config.json");
    writeFileSync(config, JSON.stringify({
      projects: [{ name: "ledger", alembicIni: "ledger/alembic.ini" }],
      environments: [{ name: "books", project: "ledger", url: "${RETORT_TEST_LEDGER_URL}", protection: "none" }],
    }));
    try {
      const env = { RETORT_TEST_LEDGER_URL: db.url };
      const plan = await runCli(["upgrade", "heads", "--config", config, "--env", "books", "--dry-run", "--json"], env);
      const run = await runCli(["upgrade", "heads", "--config", config, "--env", "books", "--json"], env);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.json.after).toEqual(plan.json.after);
      expect(await versionRows(db.url)).toEqual(plan.json.after);
      expect(run.stdout).not.toContain(db.url);
    } finally {
      await db.drop();
    }
  });
});

describe("merge", () => {
  it("writes a merge revision that leaves one head", async () => {
    const dir = tempDir();
    cpSync(SHOP, dir, { recursive: true });
    const run = await runCli(["merge", "heads", "-m", "merge reviews and promotions", "--rev-id", "fe11a0000001", "--dir", dir, "--json"]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.json.revision).toBe("fe11a0000001");
    expect(path.basename(run.json.path)).toBe("fe11a0000001_merge_reviews_and_promotions.sql");
    expect(readFileSync(run.json.path, "utf8")).toContain("-- revision: fe11a0000001");
    const heads = await runCli(["heads", "--dir", dir, "--json"]);
    expect(heads.json.heads).toEqual(["fe11a0000001"]);
  });

  it("refuses a revision id that tries path traversal, writing nothing", async () => {
    const dir = tempDir();
    cpSync(SHOP, dir, { recursive: true });
    const before = readdirSync(dir).length;
    const run = await runCli(["merge", "heads", "-m", "x", "--rev-id", "../../etc/x", "--dir", dir, "--json"]);
    expect(run.code).not.toBe(0);
    expect(run.json.error.code).toBe("invalid-argument");
    expect(readdirSync(dir).length).toBe(before);
  });
});

describe("the installed command", () => {
  it("runs as `node bin/retort.mjs` and prints JSON errors with a non-zero exit", () => {
    const ok = spawnCli(["heads", "--dir", "migrations/shop", "--json"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json.heads).toHaveLength(2);
    const bad = spawnCli(["upgrade", "nope", "--dir", "migrations/shop", "--from", "", "--json"]);
    expect(bad.code).not.toBe(0);
    expect(bad.json.error.code).toBe("unknown-revision");
  });
});
