// Bad input on each backend gets a clear message, never a URL or password, and nothing written.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MigrationPlan, RevisionSource } from "../../lib/core/types";
import { configFromObject, type EnvironmentConfig } from "../../lib/server/config";
import { connector } from "../../lib/server/db/connect";
import { readEnvironmentState } from "../../lib/server/environment-reader";
import { closeAllPools } from "../../lib/server/pg";
import { executeMigrationPlan, executeStampPlan } from "../../lib/server/sql-executor";
import { createMysqlDatabase, mysqlServerUrl, type TestMysqlDatabase } from "../backends";

const HELPERS = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "helpers");
const ROOT = path.resolve(HELPERS, "..", "..");
const target = { table: "alembic_version" };
const stampPlan = { kind: "stamp" as const, targets: ["r1"], purge: false, ops: [{ op: "insert" as const, revision: "r1" }], before: [], after: ["r1"], notes: [] };
const sources = new Map<string, RevisionSource>([["r1", { revision: "r1", downRevisions: [], dependsOn: [], branchLabels: [], message: "r1", longDoc: "r1",
  createDate: null, path: "r1.sql", format: "sql", sql: { up: "CREATE TABLE t1 (id int)", down: "DROP TABLE t1", transactional: true } }]]);
const downgrade: MigrationPlan = { kind: "downgrade", target: "base", before: ["r1"], after: [], notes: [],
  steps: [{ revision: "r1", direction: "down", versionOps: [{ op: "delete", revision: "r1" }], rowsAfter: [] }] };

function environment(url: string): EnvironmentConfig {
  const result = configFromObject({ projects: [{ name: "p", dir: "m" }], environments: [{ name: "e", project: "p", url }] }, { baseDir: "/", env: {} });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config.environments[0]!;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "retort-bad-"));
  fs.chmodSync(dir, 0o755);
});
afterEach(closeAllPools);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("SQLite", () => {
  it("reads a file that does not exist as an empty database without creating it; only an action that creates the version table creates it", async () => {
    const file = path.join(dir, "missing.db");
    const url = `sqlite:///${file}`;
    const state = await readEnvironmentState({ env: environment(url) });
    expect(state).toMatchObject({ reachable: true, tableExists: false, rows: [], hasUserTables: false });
    expect(state.reachable && state.note).toContain("missing.db does not exist");
    expect(fs.existsSync(file)).toBe(false);
    const down = await executeMigrationPlan({ connection: connector(url), target, actor: "a", expectedRows: ["r1"], plan: downgrade, sources, transactionMode: "per-step" });
    expect(down).toMatchObject({ ok: false, code: "connection" });
    expect(down.message).toContain("missing.db does not exist");
    expect(fs.existsSync(file)).toBe(false);
    expect(await executeStampPlan({ connection: connector(url, { create: true }), target, actor: "a", expectedRows: [], plan: stampPlan })).toMatchObject({ ok: true, rowsAfter: ["r1"] });
    expect(fs.existsSync(file)).toBe(true);
  });

  it("says a directory is not a database file", async () => {
    const sub = fs.mkdtempSync(path.join(dir, "a-dir-"));
    const state = await readEnvironmentState({ env: environment(`sqlite:///${sub}`) });
    expect(state).toEqual({ reachable: false, reason: `${path.basename(sub)} is a directory, not a SQLite database file` });
    const stamp = await executeStampPlan({ connection: connector(`sqlite:///${sub}`, { create: true }), target, actor: "a", expectedRows: [], plan: stampPlan });
    expect(stamp).toMatchObject({ ok: false, code: "connection" });
    expect(stamp.message).toContain("is a directory");
  });

  it("reads a read-only file but refuses to write to it, and writes nothing", () => {
    const sub = fs.mkdtempSync(path.join(dir, "ro-"));
    const file = path.join(sub, "ro.db");
    const db = new Database(file);
    db.exec("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)); INSERT INTO alembic_version VALUES ('r0');");
    db.close();
    fs.chmodSync(file, 0o444);
    fs.chmodSync(sub, 0o555);
    // As root every file is writable; run as nobody, for whom the file is read-only.
    const probe = spawnSync(process.execPath, [path.join(HELPERS, "run-in-child.mjs"), path.join(HELPERS, "sqlite-probe.ts"), JSON.stringify({ url: `sqlite:///${file}` })],
      { cwd: ROOT, encoding: "utf8", ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}), env: { ...process.env, HOME: os.tmpdir() } });
    const { read, stamp } = JSON.parse(probe.stdout || "{}") as { read: unknown; stamp: { ok: boolean; code: string; message: string } };
    expect(read, probe.stderr).toMatchObject({ reachable: true, rows: ["r0"] });
    expect(stamp).toMatchObject({ ok: false, code: "connection" });
    expect(stamp.message).toContain("ro.db is read-only for the Retort process; nothing was written");
    expect(fs.readdirSync(sub)).toEqual(["ro.db"]); // no lock file, no journal
  });

  it("refuses at once while another program holds the write lock, and writes nothing", async () => {
    const file = path.join(dir, "locked.db");
    const holder = new Database(file);
    holder.exec("CREATE TABLE app (id int)");
    holder.exec("BEGIN EXCLUSIVE");
    try {
      const startedAt = Date.now();
      const stamp = await executeStampPlan({ connection: connector(`sqlite:///${file}`, { create: true }), target, actor: "a", expectedRows: [], plan: stampPlan });
      expect(stamp).toMatchObject({ ok: false, code: "locked" });
      expect(stamp.heldBy).toContain("not Retort");
      expect(Date.now() - startedAt).toBeLessThan(2_000);
      const state = await readEnvironmentState({ env: environment(`sqlite:///${file}`), timeoutMs: 1_000 });
      expect(state).toEqual({ reachable: false, reason: "the SQLite database is locked by another connection" });
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    expect(fs.existsSync(`${file}.retort-lock`)).toBe(false);
    const db = new Database(file);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'alembic_version'").all()).toEqual([]);
    db.close();
  });
});

describe("MySQL/MariaDB", () => {
  let database: TestMysqlDatabase;
  beforeAll(async () => {
    database = await createMysqlDatabase("bad_input");
  });
  afterAll(() => database?.drop());

  it("reports a refused password without the user, host or password", async () => {
    const url = new URL(database.url);
    url.username = "retort_nobody";
    url.password = "wrong-secret-pw";
    const state = await readEnvironmentState({ env: environment(url.toString()) });
    expect(state).toEqual({ reachable: false, reason: "password authentication failed (access denied)" });
    const stamp = await executeStampPlan({ connection: connector(url.toString()), target, actor: "a", expectedRows: [], plan: stampPlan });
    expect(stamp).toMatchObject({ ok: false, code: "connection" });
    expect(stamp.message).toMatch(/Access denied/);
    expect(stamp.message).not.toMatch(/retort_nobody|wrong-secret-pw|127\.0\.0\.1|localhost/);
  });

  it("names a database that does not exist, and a URL without a database", async () => {
    const url = new URL(mysqlServerUrl());
    url.pathname = "/retort_no_such_db";
    expect(await readEnvironmentState({ env: environment(url.toString()) })).toEqual({ reachable: false, reason: 'database "retort_no_such_db" does not exist' });
    expect(await readEnvironmentState({ env: environment(mysqlServerUrl()) })).toEqual({ reachable: false, reason: "the MySQL URL names no database: add /database_name to it" });
  });
});

describe("a server that accepts TCP and never answers", () => {
  let server: net.Server;
  let port: number;
  const sockets: net.Socket[] = [];
  beforeAll(async () => {
    server = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each(["postgresql://app:pw-secret@127.0.0.1:PORT/db", "mysql://app:pw-secret@127.0.0.1:PORT/db"])("times out instead of hanging (%s)", async (template) => {
    const url = template.replace("PORT", String(port));
    const startedAt = Date.now();
    expect(await readEnvironmentState({ env: environment(url), timeoutMs: 1_000 })).toEqual({ reachable: false, reason: "timed out after 1 s" });
    expect(Date.now() - startedAt).toBeLessThan(2_500);
    const stamp = await executeStampPlan({ connection: connector(url, { connectTimeoutMs: 1_000 }), target, actor: "a", expectedRows: [], plan: stampPlan });
    expect(stamp).toMatchObject({ ok: false, code: "connection" });
    expect(stamp.message).not.toMatch(/pw-secret|127\.0\.0\.1/);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });
});
