import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../lib/server/auth/password";
import { listUsers, removeUser, verifyPassword } from "../../lib/server/auth/users";
import { metaPaths, runningPort, stopEmbeddedMeta } from "../../lib/server/meta/embedded";
import { closeMeta, metaPool } from "../../lib/server/meta/pool";
import { type CliRun, ROOT, spawnCli } from "../cli-harness";
import { type TestMeta, useMetaDatabase } from "../meta";

// The embedded metadata database (RETORT_DATABASE_URL unset): started by whichever process needs
// it first, found by the others, one postmaster per data directory; and the users file of older
// versions moved into it on first start.

const PASSWORD = "tangerine-bicycle-41";
let dir: string;
let savedUrl: string | undefined;
let savedDataDir: string | undefined;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "retort-meta-"));
  savedUrl = process.env.RETORT_DATABASE_URL;
  savedDataDir = process.env.RETORT_DATA_DIR;
  delete process.env.RETORT_DATABASE_URL;
});
afterAll(async () => {
  await closeMeta();
  await stopEmbeddedMeta(dir);
  rmSync(dir, { recursive: true, force: true });
  if (savedUrl !== undefined) process.env.RETORT_DATABASE_URL = savedUrl;
  // A later file must not inherit this one's (removed) data directory.
  if (savedDataDir === undefined) delete process.env.RETORT_DATA_DIR;
  else process.env.RETORT_DATA_DIR = savedDataDir;
});

const cliEnv = () => ({ RETORT_DATA_DIR: dir, RETORT_DATABASE_URL: "" });

/** The real CLI as a child process that does not block this one (spawnCli would). */
function cliAsync(args: string[], input?: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "retort.mjs"), ...args], { cwd: ROOT, env: { ...process.env, ...cliEnv() } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => void (stdout += c));
    child.stderr.on("data", (c: Buffer) => void (stderr += c));
    child.stdin.end(input ?? "");
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr, json: undefined }));
  });
}

function postmasters(): number {
  const { pgdata } = metaPaths(dir);
  return readdirSync("/proc").filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres" && cmdline.includes(pgdata) && !cmdline.some((a) => a.startsWith("postgres:"));
    } catch {
      return false;
    }
  }).length;
}

describe("the embedded metadata database", () => {
  it("is created by the CLI when nothing runs it, with a private password, and stopped again when idle", async () => {
    const added = await cliAsync(["user", "add", "alice", "--role", "admin", "--password-stdin"], PASSWORD);
    expect(added.stderr).toBe("");
    expect(added.stdout).toContain(`Added alice (admin) to the metadata database in ${dir}`);
    const paths = metaPaths(dir);
    expect(statSync(paths.passwordFile).mode & 0o077).toBe(0);
    expect(readFileSync(path.join(paths.pgdata, "postgresql.conf"), "utf8")).toContain("listen_addresses = '127.0.0.1'");
    expect(await runningPort(paths.pgdata)).toBeNull();
  });

  it("is started once when several processes need it at the same moment, and found by each", async () => {
    process.env.RETORT_DATA_DIR = dir;
    const [inProcess, ...runs] = await Promise.all([metaPool(), ...Array.from({ length: 3 }, () => cliAsync(["user", "list", "--json"]))]);
    expect(inProcess).toBeDefined();
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).users.map((u: { name: string }) => u.name)).toEqual(["alice"]);
    }
    expect(postmasters()).toBe(1);
    // This process is still connected, so the CLI runs left it running.
    expect(await runningPort(metaPaths(dir).pgdata)).toBeGreaterThan(0);
    expect(await verifyPassword({ name: "alice", password: PASSWORD })).not.toBeNull();
  });

  it("survives the process that started it, and is found again", async () => {
    await closeMeta();
    const port = await runningPort(metaPaths(dir).pgdata);
    expect(port).toBeGreaterThan(0);
    const run = spawnCli(["user", "list"], cliEnv());
    expect(run.stdout).toContain("alice");
    expect(await runningPort(metaPaths(dir).pgdata)).toBe(port);
    expect(postmasters()).toBe(1);
  });
});

describe("the users file of earlier versions", () => {
  let meta: TestMeta | null = null;
  afterAll(async () => {
    await meta?.cleanup();
    delete process.env.RETORT_USERS_FILE;
  });

  it("is moved into the metadata database on first start, once", async () => {
    const file = path.join(dir, "old-users.json");
    const text = JSON.stringify({ users: [
      { name: "olga", role: "operator", passwordHash: await hashPassword(PASSWORD), createdAt: "2026-01-02T03:04:05.000Z" },
      { name: "victor", role: "viewer", passwordHash: await hashPassword(PASSWORD), createdAt: "2026-01-02T03:04:05.000Z" },
    ] });
    writeFileSync(file, text, { mode: 0o600 });
    process.env.RETORT_USERS_FILE = file;
    meta = await useMetaDatabase();
    expect((await listUsers()).map((u) => [u.name, u.role, u.createdAt])).toEqual([
      ["olga", "operator", "2026-01-02T03:04:05.000Z"], ["victor", "viewer", "2026-01-02T03:04:05.000Z"],
    ]);
    expect(await verifyPassword({ name: "olga", password: PASSWORD })).toMatchObject({ role: "operator" });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.imported`)).toBe(true);
    // A removed user is not brought back by the next start, even if the file reappears.
    await removeUser({ name: "victor" });
    writeFileSync(file, text, { mode: 0o600 });
    await closeMeta();
    await metaPool();
    expect((await listUsers()).map((u) => u.name)).toEqual(["olga"]);
  });
});
