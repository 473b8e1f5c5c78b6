import "server-only";
import pg from "pg";

export interface PoolSettings {
  connectionString: string;
  /** Most connections this environment may hold open. */
  max?: number;
  /** Give up connecting after this long (pg's default is to wait forever). */
  connectionTimeoutMs?: number;
  /** Server-side `statement_timeout` for every statement; 0 or absent means none. */
  statementTimeoutMs?: number;
  idleTimeoutMs?: number;
}

/** A connection on loan: from a pool, or a dedicated client. `release(true)` discards it. */
export interface ConnectionLease {
  client: pg.ClientBase;
  release(discard?: boolean): Promise<void>;
}

/** Where an executor gets its one connection. */
export type ConnectionSource = pg.Pool | (() => Promise<ConnectionLease>);

const pools = new Map<string, { fingerprint: string; pool: pg.Pool }>();

/** One pool per environment key, created on first use so importing this module does nothing. */
export function getPool(key: string, settings: PoolSettings): pg.Pool {
  const fingerprint = JSON.stringify(settings);
  const existing = pools.get(key);
  if (existing && existing.fingerprint === fingerprint) return existing.pool;
  // The environment's configuration changed: retire the old pool instead of mixing servers.
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

export async function closeAllPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map(({ pool }) => pool.end().catch(() => undefined)));
}

export async function leaseConnection(source: ConnectionSource): Promise<ConnectionLease> {
  if (typeof source === "function") return source();
  const client = await source.connect();
  return {
    client,
    release: async (discard) => client.release(discard ? true : undefined),
  };
}

/** A lease on a fresh client of its own, for callers that hold a URL rather than a pool. */
export function dedicatedConnection(settings: PoolSettings): () => Promise<ConnectionLease> {
  return async () => {
    const client = new pg.Client({
      connectionString: settings.connectionString,
      connectionTimeoutMillis: settings.connectionTimeoutMs ?? 10_000,
      statement_timeout: settings.statementTimeoutMs || undefined,
    });
    client.on("error", () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return { client, release: () => client.end().catch(() => undefined) };
  };
}

/** The connection string a source was built with, when it can be known, so errors can redact it. */
export function connectionStringOf(source: ConnectionSource): string | undefined {
  return typeof source === "function" ? undefined : (source.options.connectionString ?? undefined);
}

/** A database error as it may be shown to a user: no URLs, hosts, users or passwords. */
export interface DbErrorInfo {
  /** SQLSTATE for server errors (e.g. "42P01"), else a Node code like "ECONNREFUSED". */
  code: string;
  message: string;
  detail?: string;
  hint?: string;
}

/**
 * pg's connection errors quote hosts, ports and user names ("connect ECONNREFUSED 10.0.0.5:5432",
 * "password authentication failed for user \"app\""); `secrets` adds what only the caller knows.
 */
export function sanitizeDbError(error: unknown, secrets: readonly string[] = []): DbErrorInfo {
  const fields = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
  const rawMessage = typeof fields.message === "string" ? fields.message : String(error);
  const clean = (text: string) => redact(text, secrets);
  const info: DbErrorInfo = { code: errorCode(fields, rawMessage), message: clean(rawMessage) };
  if (typeof fields.detail === "string" && fields.detail) info.detail = clean(fields.detail);
  if (typeof fields.hint === "string" && fields.hint) info.hint = clean(fields.hint);
  return info;
}

function errorCode(fields: Record<string, unknown>, message: string): string {
  if (typeof fields.code === "string" && fields.code) return fields.code;
  if (/timeout expired/i.test(message)) return "ETIMEDOUT";
  if (/connection terminated/i.test(message)) return "ECONNRESET";
  return "unknown";
}

/** The parts of a connection string that must never be echoed back. */
export function secretsOf(connectionString: string | undefined): string[] {
  if (!connectionString) return [];
  const secrets = [connectionString];
  try {
    const url = new URL(connectionString);
    secrets.push(decodeURIComponent(url.password), decodeURIComponent(url.username), url.hostname);
  } catch {
    // Not a URL (a keyword/value string): the generic patterns below still apply.
  }
  return secrets.filter((secret) => secret.length >= 3);
}

function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join("<redacted>");
  }
  return out
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, "<url>")
    .replace(/\b(password|user|host|hostaddr)\s*=\s*('[^']*'|\S+)/gi, "$1=<redacted>")
    .replace(/\b(user|role)\s+"[^"]*"/gi, '$1 "<redacted>"')
    .replace(/\b(getaddrinfo\s+[A-Z_]+)\s+\S+/g, "$1 <host>")
    .replace(/\[[0-9a-f:]+\](:\d+)?/gi, "<host>")
    .replace(/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, "<host>")
    .replace(/\b(connect\s+[A-Z]+)\s+\S+/g, "$1 <host>");
}
