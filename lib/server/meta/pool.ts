import "server-only";
import pg from "pg";
import { dataDir } from "../auth/secure-file";
import { sanitizeDbError } from "../pg";
import { ensureEmbeddedMeta, META_USER, stopEmbeddedMeta } from "./embedded";
import { migrateMeta } from "./schema";
import { runStartupTasks } from "./startup";

// The one pool to Retort's metadata database: RETORT_DATABASE_URL, else the embedded cluster in
// the data directory. Created on first use (importing does nothing, so `next build` needs no
// database); the first use in a process also migrates the schema and runs the start-up tasks.

const META_DATABASE = "retort_meta";

interface MetaState {
  key: string;
  ready: Promise<pg.Pool>;
  startedHere: boolean;
}

// On globalThis: Next.js may load this module more than once (proxy, pages, routes), and all
// of them must share one pool and one start-up.
const STATE = Symbol.for("retort.meta.state");
const holder = globalThis as unknown as { [STATE]?: MetaState | null };

/** Raised when the metadata database cannot be reached; the message names no host or password. */
export class MetaUnavailableError extends Error {
  readonly code = "meta:unavailable";
}

export function metaMode(): "external" | "embedded" {
  return process.env.RETORT_DATABASE_URL ? "external" : "embedded";
}

function stateKey(): string {
  return process.env.RETORT_DATABASE_URL ? `url:${process.env.RETORT_DATABASE_URL}` : `dir:${dataDir()}`;
}

/** SQLAlchemy spellings (`postgresql+psycopg2://`) name a driver pg does not need. */
export function pgConnectionString(url: string): string {
  return url.replace(/^postgres(?:ql)?\+[a-z0-9_]+:\/\//i, "postgresql://");
}

async function connectionString(state: { startedHere: boolean }): Promise<string> {
  const external = process.env.RETORT_DATABASE_URL;
  if (external) return pgConnectionString(external);
  const embedded = await ensureEmbeddedMeta(dataDir());
  state.startedHere ||= embedded.startedHere;
  const server = `postgresql://${META_USER}:${encodeURIComponent(embedded.password)}@127.0.0.1:${embedded.port}`;
  await createDatabaseOnce(`${server}/postgres`);
  return `${server}/${META_DATABASE}`;
}

async function createDatabaseOnce(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  client.on("error", () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [META_DATABASE]);
    // Two first starts at once: the loser's CREATE fails with duplicate_database, which is fine.
    if (!rowCount) await client.query(`CREATE DATABASE ${META_DATABASE}`).catch((error: { code?: string }) => {
      if (error.code !== "42P04") throw error;
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function open(state: MetaState): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: await connectionString(state),
    max: Number(process.env.RETORT_META_POOL_SIZE) || 5,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    // Idle connections must not keep the CLI (or a test) alive after its work is done.
    allowExitOnIdle: true,
    application_name: `retort ${process.pid}`,
  });
  pool.on("error", () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migrateMeta(client);
      await runStartupTasks(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return pool;
}

function current(): MetaState {
  const key = stateKey();
  const existing = holder[STATE];
  if (existing && existing.key === key) return existing;
  const state: MetaState = { key, startedHere: false, ready: Promise.resolve(null as never) };
  state.ready = open(state);
  // A failed start is not cached: the next request tries again.
  state.ready.catch(() => {
    if (holder[STATE] === state) holder[STATE] = null;
  });
  holder[STATE] = state;
  return state;
}

/** The metadata pool, ready (migrated); throws MetaUnavailableError when it cannot be reached. */
export async function metaPool(): Promise<pg.Pool> {
  try {
    return await current().ready;
  } catch (error) {
    throw unavailable(error);
  }
}

/** Whether the metadata database can be reached now (for pages that explain why not). */
export async function metaAvailable(): Promise<boolean> {
  return metaPool().then(() => true, () => false);
}

function unavailable(error: unknown): MetaUnavailableError {
  if (error instanceof MetaUnavailableError) return error;
  const info = sanitizeDbError(error, process.env.RETORT_DATABASE_URL ? [process.env.RETORT_DATABASE_URL] : []);
  return new MetaUnavailableError(`Retort's metadata database is unavailable (${info.code}: ${info.message})`);
}

// A restarted embedded cluster (or a failover) drops connections: start over once.
const RECONNECT_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "57P01", "57P02", "57P03"]);

/** Run `work` on one pooled connection. */
export async function withMeta<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    const pool = await metaPool();
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      if (attempt === 0 && RECONNECT_CODES.has(sanitizeDbError(error).code)) {
        await resetMeta();
        continue;
      }
      throw unavailable(error);
    }
    try {
      const result = await work(client);
      client.release();
      return result;
    } catch (error) {
      client.release(true);
      throw error;
    }
  }
}

/** Run `work` in a transaction (rolled back if it throws). */
export async function metaTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withMeta(async (client) => {
    await client.query("BEGIN");
    try {
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  });
}

async function resetMeta(): Promise<void> {
  const state = holder[STATE];
  holder[STATE] = null;
  const pool = await state?.ready.catch(() => null);
  await pool?.end().catch(() => undefined);
}

/**
 * Close this process's pool. With `stopIfIdle` (the CLI), an embedded cluster this process
 * started is stopped again when no other process is connected to it.
 */
export async function closeMeta({ stopIfIdle = false }: { stopIfIdle?: boolean } = {}): Promise<void> {
  const state = holder[STATE];
  if (!state) return;
  const pool = await state.ready.catch(() => null);
  const idle = stopIfIdle && state.startedHere && metaMode() === "embedded" && pool ? await othersConnected(pool).then((n) => n === 0, () => false) : false;
  holder[STATE] = null;
  await pool?.end().catch(() => undefined);
  if (idle) await stopEmbeddedMeta(dataDir()).catch(() => undefined);
}

async function othersConnected(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name <> $1",
    [`retort ${process.pid}`],
  );
  return rows[0]!.n;
}
