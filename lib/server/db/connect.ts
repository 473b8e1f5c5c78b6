import "server-only";
import { connectMysql } from "./mysql";
import { connectPostgres } from "./postgres";
import { connectSqlite } from "./sqlite";
import { DbError } from "./errors";
import { parseDatabaseUrl, type DatabaseUrl } from "./url";
import type { ConnectionSource, ConnectOptions, DbConnection } from "./types";

/**
 * A dedicated connection to `url` (a SQLAlchemy URL, or one parseDatabaseUrl already read).
 * Throws DbError("invalid-url") for a URL Retort cannot use; the message never quotes it.
 */
export async function openConnection(url: string | DatabaseUrl, options: ConnectOptions & { baseDir?: string } = {}): Promise<DbConnection> {
  const parsed = typeof url === "string" ? parseDatabaseUrl(url, { baseDir: options.baseDir }) : { ok: true as const, url };
  if (!parsed.ok) throw new DbError("invalid-url", `The database URL ${parsed.message}`);
  switch (parsed.url.kind) {
    case "postgresql":
      return connectPostgres(parsed.url, options);
    case "mysql":
      return connectMysql(parsed.url, options);
    case "sqlite":
      return connectSqlite(parsed.url, options);
  }
}

/** A source of fresh connections, as the executors take it. */
export function connector(url: string | DatabaseUrl, options: ConnectOptions & { baseDir?: string } = {}): ConnectionSource {
  return () => openConnection(url, options);
}

/** Secrets of a URL given as text or parsed: what sanitizeDbError must remove. */
export function secretsOfUrl(url: string | DatabaseUrl, baseDir?: string): string[] {
  if (typeof url !== "string") return url.secrets;
  const parsed = parseDatabaseUrl(url, { baseDir });
  return parsed.ok ? parsed.url.secrets : [url];
}
