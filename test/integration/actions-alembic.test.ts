import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionPanelFor } from "../../lib/server/actions/panel";
import { previewEnvironmentAction } from "../../lib/server/actions/preview";
import type { Actor } from "../../lib/server/actions/protection";
import { runEnvironmentAction } from "../../lib/server/actions/run-action";
import { closeAllPools } from "../../lib/server/pg";
import { createTestDatabase, query, tableExists, versionRows, type TestDatabase } from "../db";

// Alembic projects run the real `alembic` (Debian's 1.8.1 for /usr/bin/python3, or ALEMBIC_PYTHON)
// through alembic_run.py, with the URL in the environment and Retort's lock around the run.

// env.py as `alembic init` writes it (online part): the URL comes from sqlalchemy.url only.
const STOCK_ENV = `from alembic import context
from sqlalchemy import engine_from_config, pool
config = context.config
def run_migrations_online():
    connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()
run_migrations_online()
`;

function revision(id: string, down: string | null, body: string): string {
  return `"""${id}\n\nRevision ID: ${id}\n"""\nfrom alembic import op\nrevision = "${id}"\ndown_revision = ${down ? `"${down}"` : "None"}\nbranch_labels = None\ndepends_on = None\n\ndef upgrade():\n    ${body}\n\ndef downgrade():\n    pass\n`;
}

const admin: Actor = { name: "alice", role: "admin" };
let root: string;
let db: TestDatabase;
let rehearsalDb: TestDatabase;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "retort-alembic-actions-"));
  cpSync(path.resolve("migrations/ledger"), path.join(root, "ledger"), { recursive: true, filter: (src) => !src.includes("__pycache__") });
  db = await createTestDatabase("act_alembic");
  rehearsalDb = await createTestDatabase("act_alembic_rehearse");
  process.env.ALEMBIC_REHEARSE_URL = rehearsalDb.url;
  process.env.ALEMBIC_ACTIONS_URL = db.url;
  process.env.ALEMBIC_TINY_URL = db.url;
  const config = {
    projects: [
      // No `alembic` key: Retort's default, `<python with alembic> -m alembic -c <ini>`.
      { name: "ledger", alembicIni: path.join(root, "ledger", "alembic.ini") },
      { name: "tiny", alembicIni: path.join(root, "tiny", "alembic.ini") },
      { name: "ledger-broken", alembicIni: path.join(root, "ledger", "alembic.ini"), alembic: { command: ["/nonexistent/python3", "-m", "alembic", "-c", "alembic.ini"] } },
    ],
    environments: [
      { name: "books", project: "ledger", url: "${ALEMBIC_ACTIONS_URL}", protection: "none" },
      { name: "books-nopython", project: "ledger-broken", url: "${ALEMBIC_ACTIONS_URL}", protection: "none" },
      { name: "tiny", project: "tiny", url: "${ALEMBIC_TINY_URL}", protection: "none" },
      { name: "books-rehearsal", project: "ledger", url: "${ALEMBIC_REHEARSE_URL}", protection: "none" },
    ],
  };
  writeFileSync(path.join(root, "retort.config.json"), JSON.stringify(config));
  process.env.RETORT_CONFIG = path.join(root, "retort.config.json");
});

afterAll(async () => {
  await closeAllPools();
  await db.drop();
  await rehearsalDb.drop();
  rmSync(root, { recursive: true, force: true });
  delete process.env.RETORT_CONFIG;
});

describe("Alembic projects", () => {
  it("upgrades through real Alembic, shows its output without the URL, and checks the rows against the plan", async () => {
    const preview = await previewEnvironmentAction({ actor: admin, env: "books", request: { kind: "upgrade", target: "heads" } });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.data.executor).toBe("alembic");
    expect(preview.data.command).toMatch(/-m alembic -c .*alembic\.ini upgrade heads$/);
    expect(preview.data.command).not.toContain("postgres");

    const result = await runEnvironmentAction({ actor: admin, env: "books", request: { kind: "upgrade", target: "heads" }, expectedRows: [], planDigest: preview.data.planDigest });
    if (!result.ok) throw new Error(`${result.code}: ${result.message}\n${result.outcome?.output}`);
    expect(result.data.matchesPlan).toBe(true);
    expect(result.data.rowsAfter).toEqual(preview.data.rowsAfter);
    expect(result.data.steps.every((s) => s.status === "applied")).toBe(true);
    expect(result.data.output).toContain("Running upgrade");
    expect(result.data.output).not.toContain(db.url);
    expect(await versionRows(db.url)).toEqual(preview.data.rowsAfter);
    expect(await tableExists(db.url, "accounts")).toBe(true);
    const audit = await query<{ action: string; result: string }>(db.url, "SELECT action, result FROM retort_audit");
    expect(audit).toEqual([{ action: "upgrade", result: "applied" }]);
  });

  it("downgrades one step through real Alembic", async () => {
    const before = (await versionRows(db.url)) ?? [];
    const preview = await previewEnvironmentAction({ actor: admin, env: "books", request: { kind: "downgrade", target: `${before[0]}-1` } });
    if (!preview.ok) throw new Error(preview.message);
    const result = await runEnvironmentAction({ actor: admin, env: "books", request: { kind: "downgrade", target: `${before[0]}-1` }, expectedRows: before });
    if (!result.ok) throw new Error(`${result.code}: ${result.message}\n${result.outcome?.output}`);
    expect(result.data.matchesPlan).toBe(true);
    expect(await versionRows(db.url)).toEqual(preview.data.rowsAfter);
  });

  it("runs a stock env.py (which reads sqlalchemy.url) with a %-escaped URL, and reports a failing step", async () => {
    const tiny = path.join(root, "tiny");
    mkdirSync(path.join(tiny, "versions"), { recursive: true });
    writeFileSync(path.join(tiny, "alembic.ini"), "[alembic]\nscript_location = %(here)s\nsqlalchemy.url = driver://user:pass@localhost/dbname\n");
    writeFileSync(path.join(tiny, "env.py"), STOCK_ENV);
    writeFileSync(path.join(tiny, "versions", "t1_one.py"), revision("t1", null, 'op.execute("CREATE TABLE tiny_one (id int)")'));
    writeFileSync(path.join(tiny, "versions", "t2_two.py"), revision("t2", "t1", 'op.execute("INSERT INTO no_such_table VALUES (1)")'));
    // A password with a % in it: the URL carries %25, which configparser would read as interpolation.
    await query(db.url, "DROP ROLE IF EXISTS retort_pct; CREATE ROLE retort_pct LOGIN SUPERUSER PASSWORD 'p%ss'");
    const url = new URL(db.url);
    url.username = "retort_pct";
    url.password = "p%25ss";
    process.env.ALEMBIC_TINY_URL = url.toString();
    await query(db.url, "DROP TABLE IF EXISTS alembic_version; DROP TABLE IF EXISTS retort_audit");
    const result = await runEnvironmentAction({ actor: admin, env: "tiny", request: { kind: "upgrade", target: "heads" }, expectedRows: [] });
    if (result.ok) throw new Error("expected the upgrade to fail");
    expect(result.code).toBe("step-failed");
    expect(result.message).toContain("t2");
    expect(result.message).toContain("no_such_table");
    expect(result.outcome?.steps.map((s) => s.status)).toEqual(["rolled-back", "failed"]);
    expect(result.outcome?.output).not.toContain("p%ss");
    expect(result.outcome?.output).not.toContain("p%25ss");
    // PostgreSQL runs Alembic's whole command in one transaction: nothing stays.
    expect((await versionRows(db.url)) ?? []).toEqual([]);
    expect(await tableExists(db.url, "tiny_one")).toBe(false);
    const audit = await query<{ result: string; error: string }>(db.url, "SELECT result, error FROM retort_audit");
    expect(audit).toMatchObject([{ result: "failed", error: expect.stringContaining("no_such_table") }]);
  });

  it("previews an Alembic rehearsal with each step's SQL and rehearses it through env.py, leaving the database as it was", async () => {
    const catalog = () => query(rehearsalDb.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE 'retort\_%' ORDER BY 1"); // the audit log records the rehearsal, by design
    const before = await catalog();
    const request = { kind: "rehearse", target: "heads" };
    const preview = await previewEnvironmentAction({ actor: admin, env: "books-rehearsal", request });
    expect(preview).toMatchObject({ ok: true, data: { executor: "alembic" } });
    if (!preview.ok) return;
    expect(preview.data.steps.length).toBeGreaterThan(1);
    for (const step of preview.data.steps) expect(step.sql).toContain("-- Running upgrade");
    expect(preview.data.sql).toContain("CREATE TABLE alembic_version");
    const result = await runEnvironmentAction({ actor: admin, env: "books-rehearsal", request, expectedRows: [], planDigest: preview.data.planDigest });
    expect(result).toMatchObject({ ok: true, data: { executor: "alembic", rowsAfter: [], rehearsedRows: preview.data.rowsAfter } });
    if (result.ok) expect(result.data.steps.every((s) => s.status === "rehearsed")).toBe(true);
    expect(await versionRows(rehearsalDb.url)).toBeNull();
    expect(await catalog()).toEqual(before);
  });

  it("disables upgrade and downgrade, and says why, when the configured Python has no alembic", async () => {
    const panel = await actionPanelFor({ actor: admin, env: "books-nopython" });
    const upgrade = panel?.actions.find((a) => a.kind === "upgrade");
    expect(upgrade).toMatchObject({ enabled: false, reason: expect.stringContaining("cannot import alembic") });
    expect(panel?.actions.find((a) => a.kind === "stamp")).toMatchObject({ enabled: true });
    const rows = (await versionRows(db.url)) ?? [];
    const result = await runEnvironmentAction({ actor: admin, env: "books-nopython", request: { kind: "upgrade", target: "heads" }, expectedRows: rows });
    expect(result).toMatchObject({ ok: false, code: "alembic:unavailable" });
    expect((await versionRows(db.url)) ?? []).toEqual(rows);
  });
});
