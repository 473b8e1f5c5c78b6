import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeRequest, retryRequest } from "../../lib/server/actions/approval-recovery";
import { approveRequest, listApprovalRequests } from "../../lib/server/actions/approvals";
import type { Actor } from "../../lib/server/actions/protection";
import { runEnvironmentAction } from "../../lib/server/actions/run-action";
import { closeAllPools } from "../../lib/server/pg";
import { ROOT } from "../cli-harness";
import { createTestDatabase, query, tableExists, type TestDatabase, versionRows } from "../db";
import { type TestMeta, useMetaDatabase } from "../meta";

// Issue 11, item 6 (approval side): an approval whose runner is killed mid-run used to stay
// `running` forever. Here a separate Retort process approves a request and is SIGKILLed while
// its second step waits; the approval becomes `interrupted`, can be retried (re-planned from the
// rows as they are now, and approved again) or closed. Approvals live in the metadata database.

const R = ["cccc00000001", "cccc00000002", "cccc00000003"] as const;
const LOCK = 4242;
const alice: Actor = { name: "alice", role: "admin" };
const bob: Actor = { name: "bob", role: "admin" };

function sqlFile(revision: string, down: string, up: string): string {
  return `-- revision: ${revision}\n-- down_revision: ${down}\n-- message: step ${revision}\n-- transactional: true\n\n-- migrate:up\n${up}\n\n-- migrate:down\nSELECT 1;\n`;
}

let root: string;
let meta: TestMeta;
let target: TestDatabase;
let holder: pg.Client;

beforeAll(async () => {
  meta = await useMetaDatabase();
  target = await createTestDatabase("crash_target");
  root = mkdtempSync(path.join(tmpdir(), "retort-crash-"));
  mkdirSync(path.join(root, "app"));
  writeFileSync(path.join(root, "app", "001.sql"), sqlFile(R[0], "", "CREATE TABLE one (id int);"));
  // The second step waits on a lock the test holds: the run is certainly mid-way when killed.
  writeFileSync(path.join(root, "app", "002.sql"), sqlFile(R[1], R[0], `CREATE TABLE two (id int); SELECT pg_advisory_xact_lock(${LOCK});`));
  writeFileSync(path.join(root, "app", "003.sql"), sqlFile(R[2], R[1], "CREATE TABLE three (id int);"));
  writeFileSync(path.join(root, "retort.config.json"), JSON.stringify({
    projects: [{ name: "app", dir: path.join(root, "app") }],
    environments: [{ name: "gated", project: "app", url: "${CRASH_TARGET_URL}", protection: "approval" }],
  }));
  process.env.CRASH_TARGET_URL = target.url;
  process.env.RETORT_CONFIG = path.join(root, "retort.config.json");
});
afterAll(async () => {
  await closeAllPools();
  await target.drop();
  await meta.cleanup();
  rmSync(root, { recursive: true, force: true });
  delete process.env.RETORT_CONFIG;
});
beforeEach(async () => {
  await query(target.url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  holder = new pg.Client({ connectionString: target.url });
  await holder.connect();
  await holder.query("SELECT pg_advisory_lock($1)", [LOCK]);
});

async function requestUpgrade(to: string): Promise<string> {
  const requested = await runEnvironmentAction({ actor: alice, env: "gated", request: { kind: "upgrade", target: to }, expectedRows: [], reason: "crash test" });
  if (!requested.ok) throw new Error(requested.message);
  return requested.data.approval!.id;
}

function approveInAnotherProcess(id: string): ChildProcess {
  return spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "test", "approve-child.ts"), id, "bob"], {
    cwd: ROOT, env: { ...process.env }, stdio: "ignore",
  });
}

async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const statusOf = async (id: string) => (await query<{ status: string }>(meta.db.url, "SELECT status FROM retort.approvals WHERE id = $1", [id.split(":")[1]]))[0]?.status;
const listed = async (id: string) => {
  const listing = await listApprovalRequests({ actor: bob });
  return listing.ok ? listing.data.approvals.find((a) => a.id === id) : undefined;
};

async function killMidRun(id: string): Promise<void> {
  const child = approveInAnotherProcess(id);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await until(async () => (await versionRows(target.url))?.includes(R[0]) && (await statusOf(id)) === "running", "the first step to commit");
  await until(async () => (await query(target.url, "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).length > 0, "the second step to wait");
  child.kill("SIGKILL");
  await exited;
  await holder.query("SELECT pg_advisory_unlock($1)", [LOCK]);
  await holder.end();
}

describe("an approval whose server is killed mid-run", () => {
  it("is marked interrupted on the next read, then retried from the rows as they are now", async () => {
    const id = await requestUpgrade(R[2]);
    await killMidRun(id);
    // The first step committed; the second rolled back with the dead connection.
    expect(await versionRows(target.url)).toEqual([R[0]]);
    const interrupted = await listed(id);
    expect(interrupted).toMatchObject({ status: "interrupted", message: expect.stringMatching(/its server \(.+ pid \d+\) is gone/) });
    expect(await approveRequest({ actor: bob, id, confirmation: "gated" })).toMatchObject({ ok: false, code: "approval:interrupted" });

    expect(await retryRequest({ actor: { name: "olga", role: "operator" }, id })).toMatchObject({ ok: false, code: "forbidden:approve" });
    const retried = await retryRequest({ actor: alice, id });
    expect(retried).toMatchObject({ ok: true, data: { status: "pending", expectedRows: [R[0]], steps: [`+${R[1]}`, `+${R[2]}`] } });
    // A fresh confirmation: approving again, by an admin other than the requester, runs the new plan.
    expect(await approveRequest({ actor: alice, id, confirmation: "gated" })).toMatchObject({ ok: false, code: "approval:self" });
    expect((await approveRequest({ actor: bob, id, confirmation: "gated" })).ok).toBe(true);
    expect(await versionRows(target.url)).toEqual([R[2]]);
    expect(await listed(id)).toMatchObject({ status: "applied", decidedBy: "bob" });

    const trail = await query<{ kind: string }>(meta.db.url, "SELECT kind FROM retort.audit_trail WHERE subject = $1 ORDER BY seq", [`request ${id}`]);
    expect(trail.map((t) => t.kind)).toEqual(["approval-requested", "approval-approved", "approval-interrupted", "approval-retried", "approval-approved", "approval-applied"]);
    expect(await tableExists(target.url, "retort_approval")).toBe(false);
  });

  it("can be closed by an admin instead, leaving the database as the run left it", async () => {
    const id = await requestUpgrade(R[1]);
    await killMidRun(id);
    expect(await closeRequest({ actor: alice, id })).toMatchObject({ ok: true, data: { status: "closed", decidedBy: "alice" } });
    expect(await statusOf(id)).toBe("closed");
    expect(await retryRequest({ actor: bob, id })).toMatchObject({ ok: false, code: "approval:not-interrupted" });
    expect(await versionRows(target.url)).toEqual([R[0]]);
  });
});

describe("a running approval on another host", () => {
  it("stays running while its lease is renewed, and is interrupted once the lease lapses", async () => {
    await holder.end();
    const insert = (lease: string, host = "elsewhere.example", scope: string | null = null, pid = 1) => query<{ id: string }>(meta.db.url,
      `INSERT INTO retort.approvals (environment, kind, target, expected_rows, planned_rows, steps, plan_digest, requested_by, status, decided_by,
                                     runner_instance, runner_pid, runner_host, runner_scope, lease_expires_at, started_at)
       VALUES ('gated', 'upgrade', $1, '{}', '{}', '{}', 'x', 'alice', 'running', 'bob', 'abc', $4, $2, $3, now() + $5::interval, now())
       RETURNING id`, [R[0], host, scope, pid, lease]);
    const [live] = await insert("1 minute");
    const [lapsed] = await insert("-1 second");
    // Same host name, another pid namespace (a sibling container): its pid means nothing here.
    const [sibling] = await insert("1 minute", hostname(), `${hostname()}|another-boot|pid:[1]`, 999_999);
    expect(await listed(`gated:${sibling!.id}`)).toMatchObject({ status: "running" });
    expect(await listed(`gated:${live!.id}`)).toMatchObject({ status: "running" });
    expect(await listed(`gated:${lapsed!.id}`)).toMatchObject({ status: "interrupted", message: expect.stringContaining("elsewhere.example pid 1") });
  });
});

describe("two admins approving one request at the same moment", () => {
  it("run it once", async () => {
    await holder.query("SELECT pg_advisory_unlock($1)", [LOCK]);
    await holder.end();
    const id = await requestUpgrade(R[0]);
    const admins = Array.from({ length: 8 }, (_, i): Actor => ({ name: `admin${i}`, role: "admin" }));
    const results = await Promise.all(admins.map((actor) => approveRequest({ actor, id, confirmation: "gated" })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "approval:decided")).toBe(true);
    expect(await versionRows(target.url)).toEqual([R[0]]);
  });
});
