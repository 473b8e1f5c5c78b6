import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MigrationPlan, RevisionSource } from "../../lib/core/types";
import { recordAttempt } from "../../lib/server/audit";
import { onServerStart } from "../../lib/server/auth/server-start";
import { listRuns } from "../../lib/server/audit/read";
import { recordRun } from "../../lib/server/audit/record";
import type { AuditRun } from "../../lib/server/audit/types";
import { listAuditEntries } from "../../lib/server/audit-query";
import { configFromObject, type EnvironmentConfig } from "../../lib/server/config";
import { connector, openConnection } from "../../lib/server/db/connect";
import { currentHolder } from "../../lib/server/db/holder";
import { closeAllPools } from "../../lib/server/pg";
import { executeMigrationPlan, executeStampPlan, rehearseMigrationPlan } from "../../lib/server/sql-executor";
import { BACKEND_KINDS, createTarget, type BackendKind, type TestTarget } from "../backends";
import { query } from "../db";
import { useMetaDatabase } from "../meta";

function environments(urls: Record<string, string>): EnvironmentConfig[] {
  const result = configFromObject(
    { projects: [{ name: "shop", dir: "migrations" }], environments: Object.entries(urls).map(([name, url]) => ({ name, project: "shop", url })) },
    { baseDir: "/tmp", env: {} },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config.environments;
}

const sources = new Map<string, RevisionSource>([["r1", {
  revision: "r1", downRevisions: [], dependsOn: [], branchLabels: [], message: "r1", longDoc: "r1",
  createDate: null, path: "r1.sql", format: "sql", sql: { up: "CREATE TABLE t1 (id int)", down: "", transactional: true },
}]]);
const plan: MigrationPlan = {
  kind: "upgrade", target: "head", before: [], after: ["r1"], notes: [],
  steps: [{ revision: "r1", direction: "up", versionOps: [{ op: "insert", revision: "r1" }], rowsAfter: ["r1"] }],
};

function run(overrides: Partial<AuditRun> = {}): AuditRun {
  const at = overrides.startedAt ?? new Date().toISOString();
  return {
    id: crypto.randomUUID(), environment: "staging", actor: "alice", action: "upgrade", target: "head", versionTable: "alembic_version",
    rowsBefore: [], rowsAfter: ["r1"], steps: [], status: "applied", startedAt: at, endedAt: at, holder: null, error: null, ...overrides,
  };
}

async function record(url: string, r: AuditRun): Promise<void> {
  const conn = await openConnection(url, { create: true });
  try {
    await recordRun(conn, r);
  } finally {
    await conn.close();
  }
}

describe.each(BACKEND_KINDS)("the audit log on %s", (kind: BackendKind) => {
  let db: TestTarget;
  beforeEach(async () => {
    db = await createTarget(kind, "audit");
  });
  afterEach(async () => {
    await closeAllPools();
    await db.drop();
  });
  afterAll(closeAllPools);

  it("records one run per action, with every step, and lists it", async () => {
    const result = await executeMigrationPlan({ connection: connector(db.url, { create: true }), target: { table: "alembic_version" }, expectedRows: [],
      transactionMode: "per-step", actor: "alice", plan, sources, audit: { environment: "staging" } });
    expect(result.ok).toBe(true);
    const { runs, notes } = await listRuns({ environments: environments({ staging: db.url }) });
    expect(notes).toEqual([]);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      id: result.runId, environment: "staging", actor: "alice", action: "upgrade", target: "head", status: "applied",
      rowsBefore: [], rowsAfter: ["r1"], versionTable: "alembic_version", legacy: false,
      holder: { pid: process.pid, host: currentHolder().host },
      steps: [{ revision: "r1", direction: "up", status: "applied", versionOps: [{ op: "insert", revision: "r1" }] }],
    });
    expect(Date.parse(runs[0]!.endedAt!)).toBeGreaterThanOrEqual(Date.parse(runs[0]!.startedAt));
  });

  it("records stamps as one change and rehearsals as rehearsed, where the backend can rehearse", async () => {
    const env = environments({ staging: db.url });
    const common = { connection: connector(db.url, { create: true }), target: { table: "alembic_version" }, actor: "bob", audit: { environment: "staging" } };
    await executeStampPlan({ ...common, expectedRows: [], plan: { kind: "stamp", targets: ["r1"], purge: false, ops: [{ op: "insert", revision: "r1" }], before: [], after: ["r1"], notes: [] } });
    const rehearsal = await rehearseMigrationPlan({ ...common, expectedRows: ["r1"], plan: { ...plan, before: ["r1"], steps: [] }, sources });
    const { runs } = await listRuns({ environments: env });
    const stamp = runs.find((r) => r.action === "stamp")!;
    expect(stamp).toMatchObject({ status: "applied", rowsAfter: ["r1"], steps: [{ revision: null, status: "applied", versionOps: [{ op: "insert", revision: "r1" }] }] });
    if (kind === "mysql") expect(rehearsal.code).toBe("not-rehearsable");
    else expect(runs.find((r) => r.action === "rehearse")).toMatchObject({ status: "rehearsed", rowsBefore: ["r1"], rowsAfter: ["r1"] });
  });

  it("records refused attempts, and filters by environment, actor, action, result and time, newest first", async () => {
    const envs = environments({ staging: db.url, prod: db.url });
    await record(db.url, run({ actor: "alice", startedAt: "2026-01-01T10:00:00.000Z" }));
    await record(db.url, run({ actor: "carol", action: "stamp", startedAt: "2026-01-02T10:00:00.000Z" }));
    await record(db.url, run({ environment: "prod", actor: "alice", status: "failed", error: "42P01: relation missing", startedAt: "2026-01-03T10:00:00.000Z" }));
    expect(await recordAttempt({ environment: envs[0]!, actor: "bob", action: "stamp", target: "base", code: "forbidden:stamp", message: "Your role may not stamp.", rowsBefore: ["r1"] })).toEqual({ ok: true });
    const list = async (filters: object) => (await listRuns({ environments: envs, filters })).runs.map((e) => `${e.environment}/${e.actor}/${e.status}`);
    expect((await list({})).slice(1)).toEqual(["prod/alice/failed", "staging/carol/applied", "staging/alice/applied"]);
    expect(await list({ result: "refused" })).toEqual(["staging/bob/refused"]);
    expect(await list({ environment: "prod" })).toEqual(["prod/alice/failed"]);
    expect(await list({ actor: "alice" })).toEqual(["prod/alice/failed", "staging/alice/applied"]);
    expect(await list({ action: "stamp", to: "2026-01-05" })).toEqual(["staging/carol/applied"]);
    expect(await list({ from: "2026-01-02", to: "2026-01-02" })).toEqual(["staging/carol/applied"]);
    const { entries } = await listAuditEntries({ environments: envs, filters: { result: "refused" } });
    expect(entries).toMatchObject([{ actor: "bob", result: "refused", rowsBefore: ["r1"], error: "forbidden:stamp: Your role may not stamp." }]);
  });

  it("marks a running run whose process is gone interrupted, with the rows as they are now; a live one stays running", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const goneHolder = { ...currentHolder(), pid: Number(dead.stdout), instance: "an-exited-process" };
    const steps = [{ revision: "r1", direction: "up" as const, status: "applied", durationMs: 5 }, { revision: "r2", direction: "up" as const, status: "not-run", durationMs: 0 }];
    await record(db.url, run({ id: "11111111-1111-4111-8111-111111111111", status: "running", endedAt: null, holder: goneHolder, steps, rowsAfter: ["r1"] }));
    await executeStampPlan({ connection: connector(db.url), target: { table: "alembic_version" }, actor: "x", expectedRows: [],
      plan: { kind: "stamp", targets: ["r1"], purge: false, ops: [{ op: "insert", revision: "r1" }], before: [], after: ["r1"], notes: [] } });
    const { runs } = await listRuns({ environments: environments({ staging: db.url }), filters: { actor: "alice" } });
    expect(runs[0]).toMatchObject({ status: "interrupted", rowsAfter: ["r1"], steps: [{ status: "applied" }, { revision: "r2", status: "interrupted" }] });
    expect(runs[0]!.error).toContain("stopped before it finished");
    // Read again: the settlement was written, not just shown.
    expect((await listRuns({ environments: environments({ staging: db.url }), filters: { result: "interrupted" } })).runs).toHaveLength(1);
  });

  it("a server starting marks the runs a dead process left running interrupted, before any page is read", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const goneHolder = { ...currentHolder(), pid: Number(dead.stdout), instance: "an-exited-process" };
    await record(db.url, run({ id: "22222222-2222-4222-8222-222222222222", status: "running", endedAt: null, holder: goneHolder }));
    const dir = mkdtempSync(path.join(tmpdir(), "retort-start-sweep-"));
    const meta = await useMetaDatabase();
    const saved = process.env.RETORT_CONFIG;
    try {
      writeFileSync(path.join(dir, "retort.config.json"), JSON.stringify({
        projects: [{ name: "shop", dir: path.resolve("migrations/shop") }],
        environments: [{ name: "staging", project: "shop", url: "${START_SWEEP_URL}" }],
      }));
      process.env.RETORT_CONFIG = path.join(dir, "retort.config.json");
      process.env.START_SWEEP_URL = db.url;
      await onServerStart();
      const status = async () => (await db.query<{ result: string }>("SELECT result FROM retort_audit WHERE run_id = '22222222-2222-4222-8222-222222222222'"))[0]?.result;
      for (let waited = 0; waited < 10_000 && (await status()) === "running"; waited += 100) await new Promise((r) => setTimeout(r, 100));
      expect(await status()).toBe("interrupted");
    } finally {
      if (saved === undefined) delete process.env.RETORT_CONFIG;
      else process.env.RETORT_CONFIG = saved;
      delete process.env.START_SWEEP_URL;
      await meta.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("two first writers racing to create the table both succeed", async () => {
    await Promise.all([record(db.url, run({ actor: "a" })), record(db.url, run({ actor: "b" })), record(db.url, run({ actor: "c" }))]);
    const { runs } = await listRuns({ environments: environments({ staging: db.url }) });
    expect(runs.map((e) => e.actor).sort()).toEqual(["a", "b", "c"]);
  });
});

describe("the audit log on PostgreSQL", () => {
  let db: TestTarget;
  beforeEach(async () => {
    db = await createTarget("postgresql", "audit");
  });
  afterEach(async () => {
    await closeAllPools();
    await db.drop();
  });

  it("keeps an old one-row-per-step table working: its rows read as one-step runs, new runs add the columns", async () => {
    await query(db.url, `CREATE TABLE retort_audit (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), actor text NOT NULL,
      environment text NOT NULL, action text NOT NULL, target text NOT NULL, rows_before text[] NOT NULL DEFAULT '{}',
      rows_after text[] NOT NULL DEFAULT '{}', steps jsonb NOT NULL DEFAULT '[]', result text NOT NULL, duration_ms integer, error text)`);
    await query(db.url, `INSERT INTO retort_audit (at, actor, environment, action, target, rows_before, rows_after, steps, result, duration_ms)
      VALUES ('2026-01-01T10:00:00Z', 'old', 'staging', 'upgrade', 'heads', '{}', '{a1}',
        '[{"revision":"a1","direction":"up","versionOps":[{"op":"insert","revision":"a1"}],"versionTable":"alembic_version"}]', 'applied', 40),
      ('2026-01-01T11:00:00Z', 'old', 'staging', 'rehearse', 'heads', '{a1}', '{a1}', '[]', 'applied', NULL)`);
    const envs = environments({ staging: db.url });
    const before = await listRuns({ environments: envs });
    expect(before.runs.map((r) => [r.legacy, r.status, r.action])).toEqual([[true, "rehearsed", "rehearse"], [true, "applied", "upgrade"]]);
    expect(before.runs[1]).toMatchObject({ id: expect.stringMatching(/^legacy-\d+$/), rowsAfter: ["a1"], versionTable: "alembic_version",
      endedAt: "2026-01-01T10:00:00.040Z", steps: [{ revision: "a1", direction: "up", status: "applied", durationMs: 40 }] });
    await record(db.url, run({ actor: "new" }));
    const after = await listRuns({ environments: envs });
    expect(after.runs.map((r) => `${r.actor}:${r.legacy}`)).toEqual(["new:false", "old:true", "old:true"]);
  });

  it("writes to a configured schema, creating it if missing", async () => {
    const conn = await openConnection(db.url);
    await recordRun(conn, run(), { schema: "retort_meta" });
    await conn.close();
    expect(await query(db.url, "SELECT actor FROM retort_meta.retort_audit")).toEqual([{ actor: "alice" }]);
    expect((await listRuns({ environments: environments({ staging: db.url }), schema: "retort_meta" })).runs).toHaveLength(1);
  });

  it("skips an unreachable database with a note that reveals no secrets", async () => {
    const envs = environments({ staging: db.url, gone: "postgresql://auditor:hunter2-secret@127.0.0.1:1/nowhere" });
    await record(db.url, run());
    const { runs, notes } = await listRuns({ environments: envs });
    expect(runs).toHaveLength(1);
    expect(notes.map((n) => n.environment)).toEqual(["gone"]);
    expect(JSON.stringify(notes)).not.toMatch(/hunter2|auditor|127\.0\.0\.1/);
  });
});
