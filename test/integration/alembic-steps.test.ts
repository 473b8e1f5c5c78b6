// The Alembic step runner (alembic_steps.py) on real databases: offline SQL for exactly the planned
// steps, compared with `alembic upgrade A:B --sql`; rehearsals on PostgreSQL and SQLite through the
// three common env.py shapes, with a failing step, proven to leave nothing behind by comparing the
// catalogs before and after; and the child's environment and output kept free of secrets.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAlembicPython } from "../../lib/server/alembic-python";
import type { AlembicCommand } from "../../lib/server/actions/alembic-command";
import { runAlembicSteps } from "../../lib/server/actions/alembic-steps";
import { createSqliteFile } from "../backends";
import { createTestDatabase, query, type TestDatabase } from "../db";

const FIXTURES = path.resolve("test/fixtures/alembic-envs");
const WRAPPER = path.resolve("lib/server/actions/alembic_run.py");
const python = findAlembicPython() ?? "/usr/bin/python3";
const command = (ini: string, cwd = FIXTURES): AlembicCommand => ({ program: python, args: ["-c", ini], cwd, display: `alembic -c ${ini}` });
const up = (...ids: string[]) => ids.map((revision) => ({ revision, direction: "up" as const }));
const table = { table: "alembic_version", schema: null };

async function pgCatalog(url: string): Promise<unknown> {
  return {
    relations: await query(url, "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' ORDER BY 1"),
    columns: await query(url, "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2"),
    indexes: await query(url, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"),
  };
}

function sqliteCatalog(file: string): unknown {
  const db = new Database(file);
  try {
    return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").all();
  } finally {
    db.close();
  }
}

let pg: TestDatabase;
beforeAll(async () => {
  pg = await createTestDatabase("alembic_steps");
  await query(pg.url, "CREATE TABLE keep_me (id int PRIMARY KEY)");
});
afterAll(async () => pg?.drop());

describe("offline SQL for exactly the planned steps", () => {
  it("matches `alembic upgrade A:B --sql` for a linear range, step by step", async () => {
    for (const [start, steps, range] of [[[], up("a1", "b1"), "b1"], [["a1"], up("b1"), "a1:b1"]] as const) {
      const ours = await runAlembicSteps({ command: command("sync.ini"), url: pg.url, versionTable: table, mode: "sql", steps: [...steps], startRows: [...start] });
      const theirs = spawnSync(python, [WRAPPER, "-c", "sync.ini", "upgrade", range, "--sql"], { cwd: FIXTURES, env: { ...process.env, RETORT_TARGET_URL: pg.url }, encoding: "utf8" });
      expect(theirs.status).toBe(0);
      expect(ours).toMatchObject({ ok: true, steps: steps.map((s) => ({ ...s, status: "rendered" })) });
      expect(ours.sql).toBe(theirs.stdout);
      expect(ours.steps.map((s) => s.sql).join("")).toBe(theirs.stdout.slice(theirs.stdout.indexOf("-- Running")));
      expect(ours.steps.at(-1)?.sql).toContain("UPDATE alembic_version SET version_num='b1'");
    }
  });

  it("says which step cannot be rendered offline and still renders the others", async () => {
    const result = await runAlembicSteps({ command: command("sync.ini"), url: pg.url, versionTable: table, mode: "sql", steps: up("b1", "c1"), startRows: ["a1"] });
    expect(result.steps.map((s) => s.status)).toEqual(["rendered", "offline-unsupported"]);
    expect(result.steps[1]?.error?.message).toContain("needs a live database");
    expect(result.steps[1]?.sql).toContain("UPDATE alembic_version SET version_num='c1' WHERE alembic_version.version_num = 'b1'");
  });

  it("renders a merge from several current heads, which `alembic upgrade A:B --sql` cannot express", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "retort-steps-merge-"));
    try {
      cpSync(path.join(FIXTURES, "sync"), path.join(root, "sync"), { recursive: true });
      cpSync(path.join(FIXTURES, "sync.ini"), path.join(root, "alembic.ini"));
      mkdirSync(path.join(root, "versions"));
      const rev = (id: string, down: string) => `revision = '${id}'\ndown_revision = ${down}\nfrom alembic import op\ndef upgrade():\n    op.execute("SELECT '${id}'")\ndef downgrade():\n    pass\n`;
      writeFileSync(path.join(root, "versions", "a1.py"), rev("a1", "None"));
      writeFileSync(path.join(root, "versions", "x1.py"), rev("x1", "'a1'"));
      writeFileSync(path.join(root, "versions", "y1.py"), rev("y1", "'a1'"));
      writeFileSync(path.join(root, "versions", "m1.py"), rev("m1", "('x1', 'y1')"));
      const result = await runAlembicSteps({ command: command("alembic.ini", root), url: pg.url, versionTable: table, mode: "sql", steps: up("m1"), startRows: ["x1", "y1"] });
      expect(result).toMatchObject({ ok: true, steps: [{ revision: "m1", status: "rendered" }] });
      expect(result.sql).toContain("-- Running upgrade x1, y1 -> m1");
      expect(result.sql).toMatch(/DELETE FROM alembic_version WHERE alembic_version.version_num = '(x1|y1)'/);
      expect(result.sql).toMatch(/UPDATE alembic_version SET version_num='m1' WHERE alembic_version.version_num = '(x1|y1)'/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("rehearsal runs the real migrations and rolls them back", () => {
  it("on PostgreSQL: every step rehearsed, the rows it would leave, and the catalog unchanged", async () => {
    const before = await pgCatalog(pg.url);
    const result = await runAlembicSteps({ command: command("sync.ini"), url: pg.url, versionTable: table, mode: "rehearse", steps: up("a1", "b1", "c1"), startRows: [] });
    expect(result).toMatchObject({ ok: true, rows: ["c1"], steps: [{ status: "rehearsed" }, { status: "rehearsed" }, { status: "rehearsed" }] });
    expect(await pgCatalog(pg.url)).toEqual(before);
  });

  it("on PostgreSQL: stops at the failing step with the database's message, and leaves nothing", async () => {
    const before = await pgCatalog(pg.url);
    const result = await runAlembicSteps({ command: command("sync.ini"), url: pg.url, versionTable: table, mode: "rehearse", steps: up("a1", "b1", "c1", "d1"), startRows: [] });
    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => s.status)).toEqual(["rehearsed", "rehearsed", "rehearsed", "failed"]);
    expect(result.steps[3]?.error?.message).toContain('relation "rt_missing_table" does not exist');
    expect(result.steps.every((s) => typeof s.durationMs === "number")).toBe(true);
    expect(await pgCatalog(pg.url)).toEqual(before);
  });

  for (const [shape, driver] of [["sync", "sqlite"], ["async", "sqlite+aiosqlite"], ["database-url", "sqlite"]] as const) {
    it(`on SQLite through the ${shape} env.py: the failing step is reported and the file is as it was`, async () => {
      const sqlite = await createSqliteFile("steps");
      try {
        const db = new Database(sqlite.file);
        db.exec("CREATE TABLE keep_me (id INTEGER PRIMARY KEY)");
        db.close();
        const before = sqliteCatalog(sqlite.file);
        const url = sqlite.url.replace(/^sqlite:/, `${driver}:`);
        const ok = await runAlembicSteps({ command: command(`${shape}.ini`), url, versionTable: table, mode: "rehearse", steps: up("a1", "b1", "c1"), startRows: [] });
        expect(ok).toMatchObject({ ok: true, rows: ["c1"] });
        const failed = await runAlembicSteps({ command: command(`${shape}.ini`), url, versionTable: table, mode: "rehearse", steps: up("a1", "b1", "c1", "d1"), startRows: [] });
        expect(failed.steps.map((s) => s.status)).toEqual(["rehearsed", "rehearsed", "rehearsed", "failed"]);
        expect(failed.steps[3]?.error?.message).toContain("no such table: rt_missing_table");
        expect(sqliteCatalog(sqlite.file)).toEqual(before);
      } finally {
        await sqlite.drop();
      }
    });
  }
});

describe("the child process sees an allow-listed environment and its output is redacted", () => {
  it("prints os.environ from a migration: no undeclared variable, no configured secret", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "retort-steps-env-"));
    const saved = { ...process.env };
    try {
      cpSync(path.join(FIXTURES, "sync"), path.join(root, "sync"), { recursive: true });
      cpSync(path.join(FIXTURES, "sync.ini"), path.join(root, "alembic.ini"));
      mkdirSync(path.join(root, "versions"));
      writeFileSync(path.join(root, "versions", "e1.py"), "import os, sys\nrevision = 'e1'\ndown_revision = None\ndef upgrade():\n    print('ENV', sorted(os.environ.items()))\n    sys.stderr.write('APP=' + os.environ.get('APP_SECRET', 'missing') + '\\n')\ndef downgrade():\n    pass\n");
      writeFileSync(path.join(root, "retort.config.json"), JSON.stringify({ projects: [{ name: "p", dir: "versions" }],
        environments: [{ name: "other", project: "p", url: "${OTHER_DB_URL}", protection: "none" }] }));
      Object.assign(process.env, {
        RETORT_CONFIG: path.join(root, "retort.config.json"),
        OTHER_DB_URL: "postgresql://bob:hunter2pass@db.internal.example:5432/app",
        RETORT_SESSION_SECRET: "session-secret-value-0123456789abcdef",
        RETORT_WEBHOOK_SECRET: "webhook-secret-value-42",
        UNRELATED_TOKEN: "leak-me-not-123",
        APP_SECRET: "declared-app-secret-9",
      });
      const sqlite = await createSqliteFile("steps-env");
      const result = await runAlembicSteps({ command: { ...command("alembic.ini", root), passEnv: ["APP_SECRET"] }, url: sqlite.url, versionTable: table, mode: "rehearse", steps: up("e1"), startRows: [] });
      await sqlite.drop();
      expect(result.ok).toBe(true);
      const names = [...result.output.matchAll(/\('([A-Z_][A-Z0-9_]*)', /g)].map((m) => m[1]);
      expect(names).toContain("PATH");
      expect(names).toContain("APP_SECRET");
      expect(names).not.toContain("UNRELATED_TOKEN");
      expect(names).not.toContain("RETORT_SESSION_SECRET");
      expect(names).not.toContain("OTHER_DB_URL");
      expect(names.filter((n) => !/^(PATH|HOME|USER|LOGNAME|TMPDIR|TZ|LANG|LANGUAGE|LC_.*|PYTHON.*|VIRTUAL_ENV|CONDA_.*|PYENV_.*|SSL_CERT_.*|APP_SECRET|RETORT_TARGET_URL|DATABASE_URL|RETORT_VERSION_TABLE|RETORT_VERSION_SCHEMA)$/.test(n))).toEqual([]);
      for (const secret of ["leak-me-not-123", "hunter2pass", "db.internal.example", "session-secret-value", "webhook-secret-value-42", "declared-app-secret-9", sqlite.file]) {
        expect(result.output).not.toContain(secret);
      }
      expect(result.output).toContain("APP=<redacted>");
    } finally {
      // Restore in place: assigning a plain object to process.env would detach it from the real
      // environment (os.tmpdir() and child processes would no longer see later changes).
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      rmSync(root, { recursive: true, force: true });
    }
  });
});
