import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MigrationPlan, RevisionSource } from "../../lib/core/types";
import { createAuditSink, recordAttempt } from "../../lib/server/audit";
import { listAuditEntries } from "../../lib/server/audit-query";
import type { AuditEntry } from "../../lib/server/audit-types";
import { configFromObject, type EnvironmentConfig } from "../../lib/server/config";
import { closeAllPools, getPool } from "../../lib/server/pg";
import { executeMigrationPlan } from "../../lib/server/sql-executor";
import { createTestDatabase, query, withClient, type TestDatabase } from "../db";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase("audit");
});
afterEach(async () => {
  await closeAllPools();
  await db.drop();
});
afterAll(closeAllPools);

function environments(urls: Record<string, string>): EnvironmentConfig[] {
  const result = configFromObject(
    {
      projects: [{ name: "shop", dir: "migrations" }],
      environments: Object.entries(urls).map(([name, url]) => ({ name, project: "shop", url })),
    },
    { baseDir: "/tmp", env: {} },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config.environments;
}

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    action: "upgrade", actor: "alice", target: "head",
    versionTable: { table: "alembic_version", schema: null },
    revision: "r1", direction: "up", versionOps: [{ op: "insert", revision: "r1" }],
    rowsBefore: [], rowsAfter: ["r1"], status: "applied",
    startedAt: new Date().toISOString(), durationMs: 12,
    ...overrides,
  };
}

async function recordIn(url: string, environment: string, e: AuditEntry, end: "COMMIT" | "ROLLBACK" = "COMMIT", schema?: string) {
  await withClient(url, async (client) => {
    await client.query("BEGIN");
    await createAuditSink({ environment, schema }).record(client, e);
    await client.query(end);
  });
}

describe("audit log", () => {
  it("creates retort_audit on first use and lists what was recorded", async () => {
    await recordIn(db.url, "staging", entry({ error: undefined }));
    const { entries, notes } = await listAuditEntries({ environments: environments({ staging: db.url }) });
    expect(notes).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      environment: "staging", actor: "alice", action: "upgrade", target: "head",
      rowsBefore: [], rowsAfter: ["r1"], result: "applied", durationMs: 12, error: null,
      steps: [{ revision: "r1", direction: "up", versionOps: [{ op: "insert", revision: "r1" }], versionTable: "alembic_version" }],
    });
  });

  it("an entry recorded inside a rolled-back transaction disappears with it", async () => {
    await recordIn(db.url, "staging", entry({ target: "kept" }));
    await recordIn(db.url, "staging", entry({ target: "rolled back" }), "ROLLBACK");
    const { entries } = await listAuditEntries({ environments: environments({ staging: db.url }) });
    expect(entries.map((e) => e.target)).toEqual(["kept"]);
  });

  it("a rolled-back first entry takes the new table with it, and the next entry creates it again", async () => {
    await recordIn(db.url, "staging", entry(), "ROLLBACK");
    const [found] = await query<{ t: string | null }>(db.url, "SELECT to_regclass('public.retort_audit')::text AS t");
    expect(found?.t).toBeNull();
    expect((await listAuditEntries({ environments: environments({ staging: db.url }) })).entries).toEqual([]);
    await recordIn(db.url, "staging", entry());
    expect((await listAuditEntries({ environments: environments({ staging: db.url }) })).entries).toHaveLength(1);
  });

  it("records the executor's steps in the same transaction as the version rows", async () => {
    const sources = new Map<string, RevisionSource>([["r1", {
      revision: "r1", downRevisions: [], dependsOn: [], branchLabels: [], message: "r1", longDoc: "r1",
      createDate: null, path: "r1.sql", format: "sql", sql: { up: "CREATE TABLE t1 (id int)", down: "", transactional: true },
    }]]);
    const plan: MigrationPlan = {
      kind: "upgrade", target: "head", before: [], after: ["r1"], notes: [],
      steps: [{ revision: "r1", direction: "up", versionOps: [{ op: "insert", revision: "r1" }], rowsAfter: ["r1"] }],
    };
    const result = await executeMigrationPlan({
      connection: getPool(db.name, { connectionString: db.url }), target: { table: "alembic_version" }, expectedRows: [],
      transactionMode: "per-step", actor: "alice", plan, sources, audit: createAuditSink({ environment: "staging" }),
    });
    expect(result.ok).toBe(true);
    const { entries } = await listAuditEntries({ environments: environments({ staging: db.url }) });
    expect(entries).toMatchObject([{ action: "upgrade", result: "applied", rowsBefore: [], rowsAfter: ["r1"] }]);
  });

  it("records refused attempts made before any transaction", async () => {
    const [staging] = environments({ staging: db.url });
    const result = await recordAttempt({
      environment: staging!, actor: "bob", action: "stamp", target: "base",
      code: "forbidden:stamp", message: "Your role (viewer) may not stamp version tables.", rowsBefore: ["r1"],
    });
    expect(result).toEqual({ ok: true });
    const { entries } = await listAuditEntries({ environments: [staging!] });
    expect(entries).toMatchObject([{ actor: "bob", action: "stamp", result: "refused", rowsBefore: ["r1"], rowsAfter: ["r1"], error: "forbidden:stamp: Your role (viewer) may not stamp version tables." }]);
  });

  it("filters by environment, actor, action, result and time, newest first", async () => {
    const envs = environments({ staging: db.url, prod: db.url });
    await recordIn(db.url, "staging", entry({ actor: "alice", startedAt: "2026-01-01T10:00:00.000Z" }));
    await recordIn(db.url, "staging", entry({ actor: "bob", action: "stamp", startedAt: "2026-01-02T10:00:00.000Z" }));
    await recordIn(db.url, "prod", entry({ actor: "alice", status: "failed", error: { code: "42P01", message: "relation missing" }, startedAt: "2026-01-03T10:00:00.000Z" }));
    const list = async (filters: object) => (await listAuditEntries({ environments: envs, filters })).entries.map((e) => `${e.environment}/${e.actor}/${e.at.slice(0, 10)}`);
    // Two environments in one database: each sees only its own rows, so nothing is listed twice.
    expect(await list({})).toEqual(["prod/alice/2026-01-03", "staging/bob/2026-01-02", "staging/alice/2026-01-01"]);
    expect(await list({ environment: "staging" })).toEqual(["staging/bob/2026-01-02", "staging/alice/2026-01-01"]);
    expect(await list({ actor: "alice" })).toEqual(["prod/alice/2026-01-03", "staging/alice/2026-01-01"]);
    expect(await list({ action: "stamp" })).toEqual(["staging/bob/2026-01-02"]);
    expect(await list({ result: "failed" })).toEqual(["prod/alice/2026-01-03"]);
    expect(await list({ from: "2026-01-02", to: "2026-01-02" })).toEqual(["staging/bob/2026-01-02"]);
    expect((await listAuditEntries({ environments: envs, limit: 1 })).entries).toHaveLength(1);
  });

  it("skips an unreachable database with a note that reveals no secrets", async () => {
    const envs = environments({ staging: db.url, gone: "postgresql://auditor:hunter2-secret@127.0.0.1:1/nowhere" });
    await recordIn(db.url, "staging", entry());
    const { entries, notes } = await listAuditEntries({ environments: envs });
    expect(entries).toHaveLength(1);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.environment).toBe("gone");
    expect(JSON.stringify(notes)).not.toMatch(/hunter2|auditor|127\.0\.0\.1/);
  });

  it("writes to a configured schema, creating it if missing", async () => {
    await recordIn(db.url, "staging", entry(), "COMMIT", "retort_meta");
    const rows = await query(db.url, "SELECT actor FROM retort_meta.retort_audit");
    expect(rows).toEqual([{ actor: "alice" }]);
    const { entries } = await listAuditEntries({ environments: environments({ staging: db.url }), schema: "retort_meta" });
    expect(entries).toHaveLength(1);
  });

  it("two first writers racing to create the table both succeed", async () => {
    await Promise.all([recordIn(db.url, "staging", entry({ actor: "a" })), recordIn(db.url, "staging", entry({ actor: "b" }))]);
    const { entries } = await listAuditEntries({ environments: environments({ staging: db.url }) });
    expect(entries.map((e) => e.actor).sort()).toEqual(["a", "b"]);
  });
});
