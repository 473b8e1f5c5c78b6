import "server-only";
import { processState } from "../process-state";
import { openConnection } from "./connect";
import { freeSlot, hasWaiters, serverOf, takeSlot } from "./server-slots";
import type { DatabaseUrl } from "./url";
import type { ConnectOptions, DbConnection } from "./types";

// Idle connections kept per key (an environment's status reads, its audit reads), so a page
// that reads ten environments does not open ten connections each time. Created on first use;
// nothing happens at import time. SQLite files are opened afresh each time: it costs nothing,
// and a kept handle would go on reading a file that was since replaced. Connections to one
// server, in use or idle, stay within its limit (server-slots.ts).

const IDLE_LIMIT = 2;
const IDLE_MS = 10_000;

interface Idle {
  conn: DbConnection;
  timer: NodeJS.Timeout;
  server: string | null;
}

// One per process, not per route bundle (process-state.ts): a page and an API route reading the
// same environment share its idle connections, and the server limit counts them all.
const pools = processState("db-pools", () => new Map<string, { fingerprint: string; idle: Idle[] }>());

export async function withPooledConnection<T>(
  key: string,
  url: DatabaseUrl,
  options: ConnectOptions,
  work: (conn: DbConnection) => Promise<T>,
): Promise<T> {
  const server = serverOf(url);
  const conn = await acquire(key, url, server, options);
  let failed = false;
  try {
    return await work(conn);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    release(key, url, server, options, conn, failed);
  }
}

async function acquire(key: string, url: DatabaseUrl, server: string | null, options: ConnectOptions): Promise<DbConnection> {
  const pool = pools.get(key);
  if (pool && pool.fingerprint === fingerprintOf(url, options)) {
    const idle = pool.idle.pop();
    if (idle) {
      clearTimeout(idle.timer);
      if (!idle.conn.broken) return idle.conn;
      close(idle.conn, idle.server);
    }
  }
  if (server === null) return openConnection(url, options);
  await takeSlot(server, options.connectTimeoutMs ?? 10_000, () => evictIdle(server));
  try {
    return await openConnection(url, options);
  } catch (error) {
    freeSlot(server);
    throw error;
  }
}

function release(key: string, url: DatabaseUrl, server: string | null, options: ConnectOptions, conn: DbConnection, failed: boolean): void {
  const fingerprint = fingerprintOf(url, options);
  let pool = pools.get(key);
  if (pool && pool.fingerprint !== fingerprint) {
    // The environment's configuration changed: retire the old connections instead of mixing servers.
    for (const idle of pool.idle) closeIdle(idle);
    pool = undefined;
  }
  // A failed read may have left the connection mid-transaction or dead: never reuse it. Nor keep
  // one idle while another reader waits for a connection to this server.
  if (url.kind === "sqlite" || failed || conn.broken || conn.inTransaction || (pool?.idle.length ?? 0) >= IDLE_LIMIT || hasWaiters(server)) {
    close(conn, server);
    return;
  }
  if (!pool) pools.set(key, (pool = { fingerprint, idle: [] }));
  const owner = pool;
  const entry: Idle = {
    conn,
    server,
    timer: setTimeout(() => {
      owner.idle = owner.idle.filter((i) => i !== entry);
      close(conn, server);
    }, IDLE_MS),
  };
  entry.timer.unref();
  pool.idle.push(entry);
}

/** Closes an idle connection to `server` (the first found, of any key); its slot goes to the caller. */
function evictIdle(server: string): boolean {
  for (const pool of pools.values()) {
    const at = pool.idle.findIndex((idle) => idle.server === server);
    if (at < 0) continue;
    closeIdle(pool.idle.splice(at, 1)[0]!, false);
    return true;
  }
  return false;
}

/** `wake`: the freed slot goes to the next waiter (false: to the caller, who takes it at once). */
function close(conn: DbConnection, server: string | null, wake = true): void {
  void conn.close();
  freeSlot(server, wake);
}

function closeIdle(idle: Idle, wake = true): void {
  clearTimeout(idle.timer);
  close(idle.conn, idle.server, wake);
}

function fingerprintOf(url: DatabaseUrl, options: ConnectOptions): string {
  return JSON.stringify([url.secrets, url.kind, options]);
}

export async function closeAllPools(): Promise<void> {
  const all = [...pools.values()].flatMap((p) => p.idle);
  pools.clear();
  await Promise.all(all.map(async (idle) => {
    clearTimeout(idle.timer);
    await idle.conn.close();
    freeSlot(idle.server);
  }));
}
