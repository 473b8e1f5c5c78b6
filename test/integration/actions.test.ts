import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { approveRequest, listApprovalRequests, rejectRequest } from "../../lib/server/actions/approvals";
import { mergeProjectHeads } from "../../lib/server/actions/merge";
import { actionPanelFor } from "../../lib/server/actions/panel";
import { listAuditEntries } from "../../lib/server/audit-query";
import { loadConfig } from "../../lib/server/config";
import { previewEnvironmentAction } from "../../lib/server/actions/preview";
import type { Actor } from "../../lib/server/actions/protection";
import { runEnvironmentAction } from "../../lib/server/actions/run-action";
import { closeAllPools } from "../../lib/server/pg";
import { createTestDatabase, query, tableExists, versionRows, type TestDatabase } from "../db";
import { type TestMeta, useMetaDatabase } from "../meta";

// The guarded actions against real PostgreSQL: a native-SQL project `app` (r1 → r2 → r3 → r4,
// where r4 fails half way), one database per protection level, and a two-headed project to merge.

const R = ["aaaa00000001", "aaaa00000002", "aaaa00000003", "aaaa00000004"] as const;
const admin: Actor = { name: "alice", role: "admin" };
const otherAdmin: Actor = { name: "bob", role: "admin" };
const operator: Actor = { name: "olga", role: "operator" };
const viewer: Actor = { name: "victor", role: "viewer" };

function sqlFile(revision: string, down: string, up: string, extra = ""): string {
  return `-- revision: ${revision}\n-- down_revision: ${down}\n-- message: step ${revision}\n${extra}-- transactional: true\n\n-- migrate:up\n${up}\n\n-- migrate:down\nSELECT 1;\n`;
}

let root: string;
let meta: TestMeta;
const dbs: Record<string, TestDatabase> = {};
const ENVS = { free: "none", guarded: "confirm", gated: "approval", frozen: "readonly" } as const;

beforeAll(async () => {
  meta = await useMetaDatabase();
  root = mkdtempSync(path.join(tmpdir(), "retort-actions-"));
  mkdirSync(path.join(root, "app"));
  writeFileSync(path.join(root, "app", "001_one.sql"), sqlFile(R[0], "", "CREATE TABLE t1 (id int);"));
  writeFileSync(path.join(root, "app", "002_two.sql"), sqlFile(R[1], R[0], "CREATE TABLE t2 (id int); SELECT pg_sleep(1);"));
  writeFileSync(path.join(root, "app", "003_three.sql"), sqlFile(R[2], R[1], "CREATE TABLE t3 (id int);"));
  writeFileSync(path.join(root, "app", "004_four.sql"), sqlFile(R[3], R[2], "CREATE TABLE t4 (id int); INSERT INTO no_such_table VALUES (1);"));
  for (const dir of ["forked", "fixed"]) {
    mkdirSync(path.join(root, dir));
    writeFileSync(path.join(root, dir, "001_base.sql"), sqlFile("bbbb00000001", "", "SELECT 1;"));
    writeFileSync(path.join(root, dir, "002_left.sql"), sqlFile("bbbb00000002", "bbbb00000001", "SELECT 1;"));
    writeFileSync(path.join(root, dir, "003_right.sql"), sqlFile("bbbb00000003", "bbbb00000001", "SELECT 1;"));
  }
  for (const name of Object.keys(ENVS)) {
    dbs[name] = await createTestDatabase(`act_${name}`);
    process.env[`ACTIONS_URL_${name.toUpperCase()}`] = dbs[name]!.url;
  }
  const config = {
    projects: [
      { name: "app", dir: path.join(root, "app") },
      { name: "forked", dir: path.join(root, "forked"), writable: true },
      { name: "fixed", dir: path.join(root, "fixed"), writable: false },
    ],
    environments: Object.entries(ENVS).map(([name, protection]) => ({ name, project: "app", url: `\${ACTIONS_URL_${name.toUpperCase()}}`, protection })),
  };
  writeFileSync(path.join(root, "retort.config.json"), JSON.stringify(config));
  process.env.RETORT_CONFIG = path.join(root, "retort.config.json");
});

beforeEach(async () => {
  // Every test starts from empty databases.
  for (const db of Object.values(dbs)) {
    await query(db.url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  }
});

afterAll(async () => {
  await closeAllPools();
  await meta.cleanup();
  for (const db of Object.values(dbs)) await db.drop();
  rmSync(root, { recursive: true, force: true });
  delete process.env.RETORT_CONFIG;
});

const upgrade = (target: string) => ({ kind: "upgrade", target });

async function auditRows(env: string) {
  const exists = await tableExists(dbs[env]!.url, "retort_audit");
  if (!exists) return [];
  return query<{ actor: string; action: string; result: string; error: string | null; target: string }>(
    dbs[env]!.url, "SELECT actor, action, result, error, target FROM retort_audit ORDER BY id",
  );
}

describe("preview", () => {
  it("shows the steps in order, their SQL and the rows before and after", async () => {
    const result = await previewEnvironmentAction({ actor: operator, env: "free", request: upgrade(R[2]) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.steps.map((s) => s.revision)).toEqual([R[0], R[1], R[2]]);
    expect(result.data.steps[0]!.sql).toContain("CREATE TABLE t1");
    expect(result.data.sql).toContain("CREATE TABLE alembic_version");
    expect(result.data.rowsBefore).toEqual([]);
    expect(result.data.rowsAfter).toEqual([R[2]]);
    expect(result.data.guard).toBe("run");
    expect(await versionRows(dbs.free!.url)).toBeNull();
  });
});

describe("running", () => {
  it("lets exactly one of ten concurrent upgrades run and refuses nine as locked", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => runEnvironmentAction({ actor: operator, env: "free", request: upgrade(R[2]), expectedRows: [] })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.filter((r) => !r.ok);
    expect(refused.map((r) => (r.ok ? "" : r.code))).toEqual(Array(9).fill("locked:upgrade"));
    expect(refused[0]!.ok === false && refused[0]!.message).toMatch(/olga upgrade/);
    expect(await versionRows(dbs.free!.url)).toEqual([R[2]]);
    const audit = await auditRows("free");
    expect(audit.filter((a) => a.result === "refused" && a.error?.startsWith("locked:upgrade"))).toHaveLength(9);
  });

  it("leaves the rows at the last good revision when a step fails half way, and logs the failure", async () => {
    const result = await runEnvironmentAction({ actor: operator, env: "free", request: upgrade("heads"), expectedRows: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("step-failed");
    expect(result.message).toContain(R[3]);
    expect(result.message).toContain("no_such_table");
    expect(result.outcome?.steps.map((s) => s.status)).toEqual(["applied", "applied", "applied", "failed"]);
    expect(await versionRows(dbs.free!.url)).toEqual([R[2]]);
    expect(await tableExists(dbs.free!.url, "t4")).toBe(false);
    const failed = (await auditRows("free")).filter((a) => a.result === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toContain("no_such_table");
    // One record per finished run in the hash-chained trail, not one per step or per write.
    const runId = result.outcome!.runId!;
    const trail = await query<{ subject: string; detail: { status: string; steps: string; action: string } }>(meta.db.url, "SELECT subject, detail FROM retort.audit_trail WHERE kind = 'run' AND subject = $1", [`free:${runId}`]);
    expect(trail).toHaveLength(1);
    expect(trail[0]!.detail).toMatchObject({ status: "failed", action: "upgrade", steps: expect.stringContaining(`${R[3]} up failed`) });
    // The audit view: one run with its four steps inside, each with its revision's message, and a global id.
    const config = loadConfig();
    if (!config.ok) throw new Error("config");
    const { entries } = await listAuditEntries({ environments: config.config.environments.filter((e) => e.name === "free"), filters: { result: "failed" } });
    const run = entries.find((e) => e.id === runId)!;
    expect(run).toMatchObject({ globalId: `free:${runId}`, project: "app", result: "failed" });
    expect(run.steps.map((s) => [s.revision, s.status, s.message])).toEqual([
      [R[0], "applied", `step ${R[0]}`], [R[1], "applied", `step ${R[1]}`], [R[2], "applied", `step ${R[2]}`], [R[3], "failed", `step ${R[3]}`],
    ]);
  });

  it("refuses when the rows changed since the preview, and says what they are now", async () => {
    const preview = await previewEnvironmentAction({ actor: operator, env: "free", request: upgrade(R[2]) });
    expect(preview.ok).toBe(true);
    await runEnvironmentAction({ actor: operator, env: "free", request: upgrade(R[0]), expectedRows: [] });
    const result = await runEnvironmentAction({ actor: operator, env: "free", request: upgrade(R[2]), expectedRows: [], planDigest: preview.ok ? preview.data.planDigest : "" });
    expect(result).toMatchObject({ ok: false, code: "rows-changed", rowsNow: [R[0]] });
    expect(!result.ok && result.message).toBe(`The database changed since your preview: it now has ${R[0]}; preview again.`);
    expect(await versionRows(dbs.free!.url)).toEqual([R[0]]);
    expect(await tableExists(dbs.free!.url, "t2")).toBe(false);
    expect((await auditRows("free")).some((a) => a.result === "refused" && a.error?.startsWith("rows-changed"))).toBe(true);
  });

  it("rehearses a failing upgrade and leaves nothing behind", async () => {
    const result = await runEnvironmentAction({ actor: operator, env: "free", request: { kind: "rehearse", target: "heads" }, expectedRows: [] });
    expect(result).toMatchObject({ ok: false, code: "step-failed" });
    if (result.ok) return;
    expect(result.outcome?.steps.map((s) => s.status)).toEqual(["rehearsed", "rehearsed", "rehearsed", "failed"]);
    expect(await versionRows(dbs.free!.url)).toBeNull();
    expect(await tableExists(dbs.free!.url, "t1")).toBe(false);
    expect((await auditRows("free")).map((a) => [a.action, a.result])).toEqual([["rehearse", "failed"]]);
  });

  it("stamps an unversioned database and purges on request", async () => {
    await query(dbs.free!.url, "CREATE TABLE t1 (id int)");
    const stamped = await runEnvironmentAction({ actor: admin, env: "free", request: { kind: "stamp", targets: [R[0]] }, expectedRows: [] });
    expect(stamped.ok).toBe(true);
    expect(await versionRows(dbs.free!.url)).toEqual([R[0]]);
    const purged = await runEnvironmentAction({ actor: admin, env: "free", request: { kind: "stamp", targets: [R[2]], purge: true }, expectedRows: [R[0]] });
    expect(purged.ok ? "ok" : `${purged.code}: ${purged.message}`).toBe("ok");
    expect(await versionRows(dbs.free!.url)).toEqual([R[2]]);
  });

  it("downgrades with -N and to base", async () => {
    await runEnvironmentAction({ actor: admin, env: "free", request: upgrade(R[2]), expectedRows: [] });
    expect((await runEnvironmentAction({ actor: admin, env: "free", request: { kind: "downgrade", target: "-1" }, expectedRows: [R[2]] })).ok).toBe(true);
    expect(await versionRows(dbs.free!.url)).toEqual([R[1]]);
    expect((await runEnvironmentAction({ actor: admin, env: "free", request: { kind: "downgrade", target: "base" }, expectedRows: [R[1]] })).ok).toBe(true);
    expect(await versionRows(dbs.free!.url)).toEqual([]);
  });
});

describe("roles and protection", () => {
  it("refuses a viewer's forged request as forbidden and records it", async () => {
    const result = await runEnvironmentAction({ actor: viewer, env: "free", request: upgrade(R[0]), expectedRows: [] });
    expect(result).toMatchObject({ ok: false, code: "forbidden:upgrade" });
    expect(await versionRows(dbs.free!.url)).toBeNull();
    expect(await auditRows("free")).toMatchObject([{ actor: "victor", result: "refused", error: expect.stringContaining("forbidden:upgrade") }]);
    expect(await previewEnvironmentAction({ actor: viewer, env: "free", request: upgrade(R[0]) })).toMatchObject({ ok: false, code: "forbidden:upgrade" });
    expect(await actionPanelFor({ actor: viewer, env: "free" })).toMatchObject({ actions: [] });
  });

  it("lets an operator upgrade and rehearse but not downgrade or stamp", async () => {
    expect(await runEnvironmentAction({ actor: operator, env: "free", request: { kind: "stamp", targets: [R[0]] }, expectedRows: [] })).toMatchObject({ ok: false, code: "forbidden:stamp" });
    expect(await runEnvironmentAction({ actor: operator, env: "free", request: { kind: "downgrade", target: "base" }, expectedRows: [] })).toMatchObject({ ok: false, code: "forbidden:downgrade" });
    const panel = await actionPanelFor({ actor: operator, env: "free" });
    expect(panel?.actions.map((a) => a.kind)).toEqual(["upgrade", "rehearse"]);
  });

  it("refuses every action on a read-only environment and offers none", async () => {
    for (const request of [upgrade(R[0]), { kind: "stamp", targets: [R[0]] }, { kind: "rehearse", target: "heads" }]) {
      const result = await runEnvironmentAction({ actor: admin, env: "frozen", request, expectedRows: [] });
      expect(result.ok === false && result.code).toMatch(/^readonly:/);
    }
    expect(await previewEnvironmentAction({ actor: admin, env: "frozen", request: upgrade(R[0]) })).toMatchObject({ ok: false, code: "readonly:upgrade" });
    expect(await actionPanelFor({ actor: admin, env: "frozen" })).toMatchObject({ actions: [] });
    expect(await versionRows(dbs.frozen!.url)).toBeNull();
  });

  it("requires the environment's name, typed, where protection is confirm", async () => {
    const wrong = await runEnvironmentAction({ actor: operator, env: "guarded", request: upgrade(R[0]), expectedRows: [], confirmation: "guard" });
    expect(wrong).toMatchObject({ ok: false, code: "confirm:mismatch" });
    expect(await versionRows(dbs.guarded!.url)).toBeNull();
    const right = await runEnvironmentAction({ actor: operator, env: "guarded", request: upgrade(R[0]), expectedRows: [], confirmation: "guarded" });
    expect(right.ok).toBe(true);
    expect(await versionRows(dbs.guarded!.url)).toEqual([R[0]]);
  });

  it("turns an action into a request that only a different admin can approve, which runs it", async () => {
    const unexplained = await runEnvironmentAction({ actor: admin, env: "gated", request: upgrade(R[0]), expectedRows: [] });
    expect(unexplained).toMatchObject({ ok: false, code: "invalid:input", fieldErrors: { reason: [expect.stringContaining("Say why")] } });
    const requested = await runEnvironmentAction({ actor: admin, env: "gated", request: upgrade(R[0]), expectedRows: [], reason: "ticket OPS-12: first table" });
    expect(requested.ok).toBe(true);
    if (!requested.ok) return;
    const approval = requested.data.approval!;
    expect(approval).toMatchObject({
      status: "pending", requestedBy: "alice", steps: [`+${R[0]}`], reason: "ticket OPS-12: first table",
      stepDetails: [{ revision: R[0], direction: "up", message: `step ${R[0]}`, sql: "CREATE TABLE t1 (id int);" }],
    });
    expect(await versionRows(dbs.gated!.url)).toBeNull();

    expect(await approveRequest({ actor: admin, id: approval.id, confirmation: "gated" })).toMatchObject({ ok: false, code: "approval:self" });
    expect(await approveRequest({ actor: operator, id: approval.id, confirmation: "gated" })).toMatchObject({ ok: false, code: "forbidden:approve" });
    // A forged approval post without the second confirmation (the typed name) runs nothing.
    expect(await approveRequest({ actor: otherAdmin, id: approval.id })).toMatchObject({ ok: false, code: "confirm:mismatch" });
    expect(await approveRequest({ actor: otherAdmin, id: approval.id, confirmation: "gate" })).toMatchObject({ ok: false, code: "confirm:mismatch" });
    expect(await versionRows(dbs.gated!.url)).toBeNull();
    const stillPending = await listApprovalRequests({ actor: viewer });
    expect(stillPending.ok && stillPending.data.approvals.find((a) => a.id === approval.id)).toMatchObject({ status: "pending" });

    const approved = await approveRequest({ actor: otherAdmin, id: approval.id, confirmation: "gated" });
    expect(approved.ok).toBe(true);
    expect(await versionRows(dbs.gated!.url)).toEqual([R[0]]);
    expect(await approveRequest({ actor: otherAdmin, id: approval.id, confirmation: "gated" })).toMatchObject({ ok: false, code: "approval:decided" });
    const listing = await listApprovalRequests({ actor: viewer });
    expect(listing.ok && listing.data.approvals.find((a) => a.id === approval.id)).toMatchObject({ status: "applied", decidedBy: "bob" });
    const audit = await auditRows("gated");
    expect(audit.some((a) => a.result === "applied" && a.actor.startsWith("bob (approving alice"))).toBe(true);
    expect(audit.some((a) => a.action === "approve" && a.error?.startsWith("approval:self"))).toBe(true);
    expect(audit.some((a) => a.action === "approve" && a.error?.startsWith("confirm:mismatch"))).toBe(true);
  });

  it("refuses an approval whose rows changed since the request, and lets a request be rejected", async () => {
    const first = await runEnvironmentAction({ actor: admin, env: "gated", request: upgrade(R[1]), expectedRows: [], reason: "first" });
    const second = await runEnvironmentAction({ actor: admin, env: "gated", request: upgrade(R[0]), expectedRows: [], reason: "second" });
    if (!first.ok || !second.ok) throw new Error("requests were not stored");
    await query(dbs.gated!.url, `CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY); INSERT INTO alembic_version VALUES ('${R[0]}')`);
    expect(await approveRequest({ actor: otherAdmin, id: first.data.approval!.id, confirmation: "gated" })).toMatchObject({ ok: false, code: "rows-changed" });
    expect(await versionRows(dbs.gated!.url)).toEqual([R[0]]);
    expect(await rejectRequest({ actor: otherAdmin, id: second.data.approval!.id, reason: "not today" })).toMatchObject({ ok: true, data: { status: "rejected" } });
    expect(await approveRequest({ actor: otherAdmin, id: second.data.approval!.id, confirmation: "gated" })).toMatchObject({ ok: false, code: "approval:decided" });
  });
});

describe("bad input", () => {
  const cases: Array<[string, unknown]> = [
    ["an injection in the target", upgrade("a'; drop table t1; --")],
    ["a path in the target", upgrade("../../etc/x")],
    ["an empty target", upgrade("")],
    ["an over-long target", upgrade("a".repeat(200))],
    ["an injection among stamp targets", { kind: "stamp", targets: [R[0], "x'); DELETE FROM alembic_version; --"] }],
    ["an unknown action", { kind: "drop", target: "heads" }],
  ];
  it.each(cases)("refuses %s with a clear message and writes nothing", async (_name, request) => {
    const result = await runEnvironmentAction({ actor: admin, env: "free", request, expectedRows: [] });
    expect(result).toMatchObject({ ok: false, code: "invalid:input" });
    expect(!result.ok && result.message.length).toBeGreaterThan(10);
    expect(await versionRows(dbs.free!.url)).toBeNull();
  });

  it("refuses unknown revisions, malformed relative targets and forged rows", async () => {
    expect(await runEnvironmentAction({ actor: admin, env: "free", request: upgrade("ffffffffffff"), expectedRows: [] })).toMatchObject({ ok: false, code: "plan:unknown-revision" });
    expect(await runEnvironmentAction({ actor: admin, env: "free", request: upgrade("+9"), expectedRows: [] })).toMatchObject({ ok: false, code: expect.stringMatching(/^plan:/) });
    expect(await runEnvironmentAction({ actor: admin, env: "free", request: upgrade(R[0]), expectedRows: ["x'; drop"] })).toMatchObject({ ok: false, code: "invalid:input" });
    expect(await versionRows(dbs.free!.url)).toBeNull();
  });
});

describe("merge", () => {
  const files = (dir: string) => readdirSync(path.join(root, dir)).sort();

  it("writes a merge revision and leaves the graph with one head", async () => {
    const before = files("forked");
    const result = await mergeProjectHeads({ actor: admin, project: "forked", input: { message: "merge left and right", branchLabel: "merged" } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.downRevisions.sort()).toEqual(["bbbb00000002", "bbbb00000003"]);
    expect(result.data.headsAfter).toEqual([result.data.revision]);
    expect(files("forked")).toEqual([...before, path.basename(result.data.path)].sort());
    // A merge has no target database: the hash-chained trail is its record, and the audit log shows it.
    const trail = await query<{ actor: string; subject: string; environment: string | null; detail: Record<string, unknown> }>(meta.db.url, "SELECT actor, subject, environment, detail FROM retort.audit_trail WHERE kind = 'merge'");
    expect(trail).toEqual([{ actor: "alice", subject: result.data.revision, environment: null, detail: { project: "forked", path: result.data.path, parents: result.data.downRevisions, message: "merge left and right" } }]);
    const { entries } = await listAuditEntries({ environments: [], filters: { action: "merge" } });
    expect(entries).toMatchObject([{ globalId: expect.stringMatching(/^merge:\d+$/), action: "merge", actor: "alice", target: result.data.revision, project: "forked", merge: { parents: result.data.downRevisions } }]);
    expect(await mergeProjectHeads({ actor: admin, project: "forked", input: { message: "again" } })).toMatchObject({ ok: false, code: "merge:single-head" });
    expect((await query(meta.db.url, "SELECT 1 FROM retort.audit_trail WHERE kind = 'merge'")).length).toBe(1);
  });

  const bad: Array<[string, Record<string, unknown>]> = [
    ["an over-long message", { message: "m".repeat(201) }],
    ["an empty message", { message: "   " }],
    ["a multi-line message", { message: 'one\n"""\nimport os' }],
    ["a label that tries SQL injection", { message: "ok", branchLabel: "a'; drop table x" }],
    ["a label that tries path traversal", { message: "ok", branchLabel: "../../etc/x" }],
    ["revisions that try path traversal", { message: "ok", revisions: ["../../etc/x"] }],
  ];
  it.each(bad)("refuses %s and writes nothing", async (_name, input) => {
    const before = files("fixed");
    const forked = await mergeProjectHeads({ actor: admin, project: "fixed", input });
    expect(forked).toMatchObject({ ok: false, code: "invalid:input" });
    expect(files("fixed")).toEqual(before);
  });

  it("refuses a project that is not writable, and anyone but an admin", async () => {
    expect(await mergeProjectHeads({ actor: admin, project: "fixed", input: { message: "merge" } })).toMatchObject({ ok: false, code: "merge:not-writable" });
    expect(await mergeProjectHeads({ actor: operator, project: "forked", input: { message: "merge" } })).toMatchObject({ ok: false, code: "forbidden:merge" });
    expect(await mergeProjectHeads({ actor: admin, project: "nope", input: { message: "merge" } })).toMatchObject({ ok: false, code: "not-found:project" });
  });
});
