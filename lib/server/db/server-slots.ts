import "server-only";
import { processState } from "../process-state";
import type { DatabaseUrl } from "./url";

// How many connections the dashboard's readers hold on one database server, in use or idle.
// Fifty environments that are databases on one PostgreSQL would otherwise take a status and an
// audit connection each and run the server out of max_connections (100 by default), and then
// every environment reads as "too many connections". Past the limit, a reader closes an idle
// connection of another reader of that server, or waits its turn (up to its connect timeout).

const DEFAULT_LIMIT = 32;

interface Server {
  open: number;
  waiting: (() => void)[];
}

/** One per process (process-state.ts): every route bundle's readers count against the same limit. */
const servers = processState("db-server-slots", () => new Map<string, Server>());

/** RETORT_MAX_SERVER_CONNECTIONS, else 32: read on each use so that a test can lower it. */
export function serverConnectionLimit(): number {
  const value = Number(process.env.RETORT_MAX_SERVER_CONNECTIONS);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_LIMIT;
}

/** The server a URL reaches (host and port, or socket), or null for SQLite files (no limit). */
export function serverOf(url: DatabaseUrl): string | null {
  if (url.kind === "sqlite") return null;
  if (url.kind === "mysql") return `mysql:${url.socketPath ?? `${url.host}:${url.port}`}`;
  try {
    const parsed = new URL(url.connectionString);
    return `postgresql:${parsed.searchParams.get("host") ?? parsed.hostname}:${parsed.port || "5432"}`;
  } catch {
    // A connection string that is not a URL ("host=… dbname=…") is one server per string.
    return `postgresql:${url.connectionString}`;
  }
}

/** Connections counted against `server` now (for tests). */
export function openOn(server: string): number {
  return servers.get(server)?.open ?? 0;
}

/**
 * Takes a slot on `server`, freeing one with `evictIdle` (which closes an idle connection there and
 * returns true, or returns false) before waiting. Rejects after `timeoutMs` without a slot.
 */
export async function takeSlot(server: string, timeoutMs: number, evictIdle: () => boolean): Promise<void> {
  const state = servers.get(server) ?? { open: 0, waiting: [] };
  servers.set(server, state);
  const deadline = Date.now() + timeoutMs;
  while (state.open >= serverConnectionLimit()) {
    if (evictIdle()) continue;
    const left = deadline - Date.now();
    if (left <= 0 || !(await waitTurn(state, left))) {
      throw Object.assign(new Error(`timed out waiting for one of the ${serverConnectionLimit()} connections Retort keeps per database server`), { code: "ETIMEDOUT" });
    }
  }
  state.open++;
}

/** A connection counted on `server` was closed: its slot goes to the next waiter (`wake` false: to the caller). */
export function freeSlot(server: string | null, wake = true): void {
  const state = server === null ? undefined : servers.get(server);
  if (!state) return;
  state.open = Math.max(0, state.open - 1);
  if (wake) state.waiting.shift()?.();
}

/** Whether someone waits for a slot on `server` (an idle connection is then closed, not kept). */
export function hasWaiters(server: string | null): boolean {
  return server !== null && (servers.get(server)?.waiting.length ?? 0) > 0;
}

function waitTurn(state: Server, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      state.waiting = state.waiting.filter((w) => w !== wake);
      resolve(false);
    }, ms);
    state.waiting.push(wake);
  });
}
