import "server-only";
import pg from "pg";
import { secretsOfUrl } from "./db/connect";
import { closeAllPools as closeDialectPools } from "./db/pool";

// node-postgres pools for code that still speaks pg directly (the approvals store, until it moves
// to Retort's own metadata database). Everything else goes through lib/server/db/.
export { sanitizeDbError } from "./db/errors";
export type { DbErrorInfo } from "./db/types";

export interface PoolSettings {
  connectionString: string;
  max?: number;
  connectionTimeoutMs?: number;
  statementTimeoutMs?: number;
  idleTimeoutMs?: number;
}

const pools = new Map<string, { fingerprint: string; pool: pg.Pool }>();

/** One pool per key, created on first use so importing this module does nothing. */
export function getPool(key: string, settings: PoolSettings): pg.Pool {
  const fingerprint = JSON.stringify(settings);
  const existing = pools.get(key);
  if (existing && existing.fingerprint === fingerprint) return existing.pool;
  if (existing) void existing.pool.end().catch(() => undefined);
  const pool = new pg.Pool({
    connectionString: settings.connectionString,
    max: settings.max ?? 5,
    connectionTimeoutMillis: settings.connectionTimeoutMs ?? 10_000,
    idleTimeoutMillis: settings.idleTimeoutMs ?? 30_000,
    statement_timeout: settings.statementTimeoutMs || undefined,
  });
  // An idle connection killed by the server must not crash the process; the pool drops it.
  pool.on("error", () => undefined);
  pools.set(key, { fingerprint, pool });
  return pool;
}

/** Closes these pools and the dialect layer's idle connections (tests, shutdown). */
export async function closeAllPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all([...all.map(({ pool }) => pool.end().catch(() => undefined)), closeDialectPools()]);
}

/** The parts of a database URL that must never be echoed back. */
export function secretsOf(url: string | undefined): string[] {
  return url ? secretsOfUrl(url) : [];
}
