// A real Alembic process can be cancelled from the page: the cancel stops the process group,
// PostgreSQL rolls back the transaction Alembic held (one per command), and the run is recorded
// as cancelled, with the version rows as the database has them afterwards.
import fs from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "../../lib/server/actions/protection";
import { previewEnvironmentAction } from "../../lib/server/actions/preview";
import { runEnvironmentAction } from "../../lib/server/actions/run-action";
import { listRuns } from "../../lib/server/audit/read";
import { loadConfig } from "../../lib/server/config";
import { closeAllPools } from "../../lib/server/pg";
import { cancelRun, runningActionsOf } from "../../lib/server/runs/cancel";
import { createTarget, type TestTarget } from "../backends";
import { ALEMBIC_ENV_PY } from "../schema/alembic-project";

const revision = (id: string, down: string | null, body: string) =>
  `from alembic import op\nrevision = "${id}"\ndown_revision = ${down ? `"${down}"` : "None"}\n\ndef upgrade():\n    ${body}\n\ndef downgrade():\n    pass\n`;

const admin: Actor = { name: "alice", role: "admin" };
const operator: Actor = { name: "olga", role: "operator" };
let root: string;
let db: TestTarget;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(tmpdir(), "retort-alembic-cancel-"));
  fs.mkdirSync(path.join(root, "slow", "versions"), { recursive: true });
  fs.writeFileSync(path.join(root, "slow", "alembic.ini"), "[alembic]\nscript_location = %(here)s\nsqlalchemy.url = driver://unused\n");
  fs.writeFileSync(path.join(root, "slow", "env.py"), ALEMBIC_ENV_PY);
  fs.writeFileSync(path.join(root, "slow", "versions", "a1.py"), revision("a1", null, 'op.execute("CREATE TABLE items (id int)")'));
  fs.writeFileSync(path.join(root, "slow", "versions", "b2.py"), revision("b2", "a1", 'op.execute("SELECT pg_sleep(120)")'));
  fs.mkdirSync(path.join(root, "locky", "versions"), { recursive: true });
  fs.copyFileSync(path.join(root, "slow", "alembic.ini"), path.join(root, "locky", "alembic.ini"));
  fs.writeFileSync(path.join(root, "locky", "env.py"), ALEMBIC_ENV_PY);
  fs.writeFileSync(path.join(root, "locky", "versions", "l1.py"), revision("l1", null, 'op.execute("ALTER TABLE busy ADD COLUMN note text")'));
  db = await createTarget("postgresql", "alembic_cancel");
  process.env.ALEMBIC_CANCEL_URL = db.url;
  fs.writeFileSync(path.join(root, "retort.config.json"), JSON.stringify({
    projects: [{ name: "slow", alembicIni: "slow/alembic.ini" }, { name: "locky", alembicIni: "locky/alembic.ini" }],
    environments: [
      { name: "pgslow", project: "slow", url: "${ALEMBIC_CANCEL_URL}", protection: "none" },
      { name: "pglock", project: "locky", url: "${ALEMBIC_CANCEL_URL}", versionTable: "locky_version", protection: "none", lockTimeoutMs: 500 },
    ],
  }));
  process.env.RETORT_CONFIG = path.join(root, "retort.config.json");
});

afterAll(async () => {
  await closeAllPools();
  await db?.drop();
  fs.rmSync(root, { recursive: true, force: true });
  delete process.env.RETORT_CONFIG;
});

async function until<T>(probe: () => Promise<T | null | undefined>, what: string, ms = 30_000): Promise<T> {
  for (let waited = 0; waited < ms; waited += 100) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it("stops the Alembic process, leaves nothing applied, and records the run as cancelled", async () => {
  const preview = await previewEnvironmentAction({ actor: admin, env: "pgslow", request: { kind: "upgrade", target: "heads" } });
  if (!preview.ok) throw new Error(`${preview.code}: ${preview.message}`);
  const running = runEnvironmentAction({ actor: admin, env: "pgslow", request: { kind: "upgrade", target: "heads" }, expectedRows: [], planDigest: preview.data.planDigest });

  const config = loadConfig();
  if (!config.ok) throw new Error("the test's config did not load");
  const environment = config.config.environments.find((e) => e.name === "pgslow")!;
  const run = await until(async () => (await runningActionsOf({ env: "pgslow" }))[0], "the run to be listed");
  expect(run).toMatchObject({ action: "upgrade", actor: "alice", cancellable: true });
  // Wait until Alembic is inside b2 (a1 ran in the same transaction, not committed).
  await until(async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'"))[0]!.n > 0, "b2's statement");
  expect(await cancelRun({ actor: operator, input: { env: "pgslow", runId: run.runId } })).toEqual({ ok: true, data: { runId: run.runId, cancelledBy: "olga" } });

  const result = await running;
  expect(result).toMatchObject({ ok: false, code: "cancelled" });
  if (result.ok) return;
  expect(result.message).toContain("cancelled by olga");
  expect(result.outcome).toMatchObject({ rowsAfter: [] });
  expect(result.outcome!.steps.find((s) => s.revision === "b2")).toMatchObject({ status: "failed", error: { code: "cancelled" } });
  // One transaction per Alembic command: a1's table went with it, and no session is left behind.
  expect(await db.tableExists("items")).toBe(false);
  await until(async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'"))[0]!.n === 0, "the backend to go");
  const [audit] = (await listRuns({ environments: [environment], limit: 5 })).runs;
  expect(audit).toMatchObject({ status: "failed", actor: "alice" });
  expect(audit!.error).toContain("cancelled");
});

it("gives Alembic's own session the environment's lock timeout, so a blocked migration fails instead of hanging", async () => {
  await db.query("CREATE TABLE busy (id int)");
  const blocker = new pg.Client({ connectionString: db.url, application_name: "nightly report" });
  await blocker.connect();
  try {
    await blocker.query("BEGIN");
    await blocker.query("LOCK TABLE busy IN ACCESS SHARE MODE");
    const preview = await previewEnvironmentAction({ actor: admin, env: "pglock", request: { kind: "upgrade", target: "heads" } });
    if (!preview.ok) throw new Error(`${preview.code}: ${preview.message}`);
    const result = await runEnvironmentAction({ actor: admin, env: "pglock", request: { kind: "upgrade", target: "heads" }, expectedRows: [], planDigest: preview.data.planDigest });
    expect(result).toMatchObject({ ok: false });
    if (result.ok) return;
    expect(result.message).toMatch(/lock timeout/i);
    expect(result.outcome).toMatchObject({ rowsAfter: [] });
  } finally {
    await blocker.query("ROLLBACK").catch(() => undefined);
    await blocker.end();
  }
});
