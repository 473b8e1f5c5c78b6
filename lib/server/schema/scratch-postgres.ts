import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { dataDir } from "../auth/secure-file";
import { type EmbeddedPostgresServer, embeddedPostgresUrl, startEmbeddedPostgres } from "../embedded-postgres";
import { freePort } from "../free-port";

// The embedded PostgreSQL cluster that holds scratch databases: started on first use, in
// <data dir>/scratch-postgres, and kept for the life of the process. A cluster another live
// Retort process already runs on that directory is reused through its port.

let server: Promise<string> | null = null;
/** The cluster this process started, if it did (one found running belongs to another process). */
let started: EmbeddedPostgresServer | null = null;

/** The admin URL of the scratch cluster, starting it if needed. */
export function embeddedScratchServer(): Promise<string> {
  server ??= startOrReuse().catch((error: unknown) => {
    server = null;
    throw error;
  });
  return server;
}

/**
 * The cluster's major version without starting it when it exists (PG_VERSION in its data
 * directory), so a cached expected schema needs no server at all.
 */
export async function embeddedScratchVersion(): Promise<string> {
  const read = () => readFileSync(path.join(clusterDirectory(), "PG_VERSION"), "utf8").trim();
  try {
    return read();
  } catch {
    await embeddedScratchServer();
    return read();
  }
}

function clusterDirectory(): string {
  return path.join(dataDir(), "scratch-postgres");
}

async function startOrReuse(): Promise<string> {
  const directory = clusterDirectory();
  const running = await runningCluster(directory);
  if (running) return running;
  started = await startEmbeddedPostgres({ dataDir: directory, port: await freePort(), ephemeral: true });
  const url = started.urlFor("postgres");
  await dropAbandonedScratch(url);
  return url;
}

/**
 * Scratch databases are named retort_scratch_<pid>_<hex>; one whose process is gone was left by a
 * killed replay. The cluster is Retort's own, on this machine, so those are safe to drop.
 */
async function dropAbandonedScratch(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string }>("SELECT datname AS name FROM pg_database WHERE datname LIKE 'retort\\_scratch\\_%'");
    for (const { name } of rows) {
      const pid = Number(/^retort_scratch_(\d+)_[0-9a-f]+$/.exec(name)?.[1]);
      if (pid && !processAlive(pid)) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  } catch {
    // Leftovers cost disk space, not correctness.
  } finally {
    await client.end().catch(() => undefined);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Stops the scratch cluster if this process started it (at shutdown, and in tests). */
export async function stopEmbeddedScratchServer(): Promise<void> {
  const cluster = started;
  started = null;
  server = null;
  await cluster?.stop();
}

/** postmaster.pid's fourth line is the port; if a server answers there as an embedded cluster, use it. */
async function runningCluster(directory: string): Promise<string | null> {
  let port: number;
  try {
    port = Number(readFileSync(path.join(directory, "postmaster.pid"), "utf8").split("\n")[3]);
  } catch {
    return null;
  }
  if (!Number.isInteger(port) || port <= 0) return null;
  const url = embeddedPostgresUrl(port, "postgres");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}
