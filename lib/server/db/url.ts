import "server-only";
import path from "node:path";
import type { DatabaseKind } from "./types";

// SQLAlchemy URLs as users write them in alembic.ini and their apps:
// dialect[+driver]://user:password@host:port/database?key=value. The pattern is SQLAlchemy's
// own (sqlalchemy/engine/url.py, _parse_url): user and password are percent-decoded, the
// database part is not. Messages name the scheme at most, never the URL.

const URL_PATTERN =
  /^(?<name>[\w+]+):\/\/(?:(?<username>[^:/]*)(?::(?<password>[^@]*))?@)?(?:(?:\[(?<ipv6host>[^/?]+)\]|(?<ipv4host>[^/:?]+))?(?::(?<port>[^/?]*))?)?(?:\/(?<database>[^?]*))?(?:\?(?<query>.*))?$/s;

const DRIVERS: Record<string, { kind: DatabaseKind; drivers: string[] }> = {
  postgresql: { kind: "postgresql", drivers: ["psycopg2", "psycopg", "asyncpg", "pg8000"] },
  postgres: { kind: "postgresql", drivers: [] },
  sqlite: { kind: "sqlite", drivers: ["pysqlite", "aiosqlite"] },
  mysql: { kind: "mysql", drivers: ["pymysql", "mysqldb", "mysqlconnector", "asyncmy", "aiomysql", "mariadbconnector"] },
  mariadb: { kind: "mysql", drivers: ["pymysql", "mysqldb", "mysqlconnector", "asyncmy", "aiomysql", "mariadbconnector"] },
};

export const SUPPORTED_SCHEMES =
  "postgresql:// (or postgres://; drivers psycopg2, psycopg, asyncpg, pg8000), sqlite:// (pysqlite, aiosqlite), " +
  "mysql:// or mariadb:// (pymysql, mysqldb, mysqlconnector, mariadbconnector, asyncmy, aiomysql)";

interface Common {
  /** The driver named after `+`, as written; null when none. */
  driver: string | null;
  /** What must never be echoed: the URL, its password, user and host. */
  secrets: string[];
  /** The URL for the project's own SQLAlchemy (real Alembic): a spelling SQLAlchemy 1.4+ accepts. */
  sqlalchemyUrl: string;
}

export type DatabaseUrl =
  | (Common & { kind: "postgresql"; connectionString: string; database: string | null })
  | (Common & { kind: "sqlite"; file: string })
  | (Common & {
      kind: "mysql";
      host: string;
      port: number;
      user: string | undefined;
      password: string | undefined;
      database: string | null;
      socketPath: string | undefined;
      charset: string | undefined;
      ssl: boolean;
    });

export type UrlResult = { ok: true; url: DatabaseUrl } | { ok: false; message: string };

/**
 * `baseDir` anchors a relative SQLite path (`sqlite:///app.db`): SQLAlchemy uses the process's
 * working directory, so callers pass the directory the URL's author meant (the config file's,
 * the alembic.ini's, the CLI's cwd).
 */
export function parseDatabaseUrl(raw: string, options: { baseDir?: string } = {}): UrlResult {
  const text = raw.trim();
  const match = URL_PATTERN.exec(text);
  if (!match?.groups) {
    const scheme = /^([\w+]{1,40}):\/\//.exec(text)?.[1];
    return { ok: false, message: scheme ? `the ${scheme} URL is malformed (expected ${scheme}://user:password@host:port/database)` : `is not a database URL (expected e.g. postgresql://user:password@host/database; supported: ${SUPPORTED_SCHEMES})` };
  }
  const g = match.groups;
  const [dialect, driver = null] = g.name!.toLowerCase().split("+", 2) as [string, string?];
  const known = DRIVERS[dialect];
  if (!known) return { ok: false, message: `unsupported database "${g.name!.slice(0, 40)}"; Retort supports ${SUPPORTED_SCHEMES}` };
  if (driver !== null && !known.drivers.includes(driver)) {
    const choices = known.drivers.length > 0 ? known.drivers.join(", ") : `none (write ${known.kind}://)`;
    return { ok: false, message: `unsupported driver "${driver}" for ${dialect}; supported drivers: ${choices}` };
  }
  const parts = {
    user: decode(g.username),
    password: decode(g.password),
    host: g.ipv6host ?? g.ipv4host ?? undefined,
    port: g.port || undefined,
    database: g.database ?? null,
    query: new URLSearchParams(g.query ?? ""),
  };
  const secrets = [text, parts.password, parts.user, parts.host].filter((s): s is string => !!s && s.length >= 3);
  if (known.kind === "postgresql") return postgresUrl(text, driver, parts, secrets);
  if (known.kind === "sqlite") return sqliteUrl(dialect, driver, parts, secrets, options.baseDir);
  return mysqlUrl(text, dialect, driver, parts, secrets);
}

type Parts = { user?: string; password?: string; host?: string; port?: string; database: string | null; query: URLSearchParams };

function decode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function postgresUrl(text: string, driver: string | null, parts: Parts, secrets: string[]): UrlResult {
  // node-postgres reads the same URL once the scheme is the one it knows; SQLAlchemy 1.4+ refuses postgres://.
  const rest = text.slice(text.indexOf("://"));
  const scheme = driver ? `postgresql+${driver}` : "postgresql";
  return {
    ok: true,
    url: { kind: "postgresql", driver, secrets, connectionString: `postgresql${rest}`, sqlalchemyUrl: `${scheme}${rest}`, database: parts.database || null },
  };
}

function sqliteUrl(dialect: string, driver: string | null, parts: Parts, secrets: string[], baseDir?: string): UrlResult {
  if (parts.host || parts.user || parts.port) {
    return { ok: false, message: "a SQLite URL names a file, not a server: write sqlite:///relative/path.db or sqlite:////absolute/path.db" };
  }
  const name = parts.database ?? "";
  if (name === "" || name === ":memory:" || parts.query.get("mode") === "memory") {
    return { ok: false, message: "an in-memory SQLite database lives only inside one process; point the URL at a file (sqlite:///app.db)" };
  }
  if (name.startsWith("file:")) return { ok: false, message: "SQLite URI filenames (file:…) are not supported; write sqlite:////absolute/path.db" };
  const file = path.resolve(baseDir ?? process.cwd(), name);
  const query = parts.query.toString();
  const sqlalchemyUrl = `${driver ? `${dialect}+${driver}` : dialect}:///${file}${query ? `?${query}` : ""}`;
  return { ok: true, url: { kind: "sqlite", driver, secrets: [...secrets, file], file, sqlalchemyUrl } };
}

function mysqlUrl(text: string, dialect: string, driver: string | null, parts: Parts, secrets: string[]): UrlResult {
  const port = parts.port === undefined ? 3306 : Number(parts.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, message: "the MySQL URL's port is not a number from 1 to 65535" };
  const q = parts.query;
  const sslMode = (q.get("ssl_mode") ?? q.get("sslmode") ?? "").toLowerCase();
  const ssl = ["required", "require", "verify_ca", "verify_identity"].includes(sslMode) || q.get("ssl") === "true" || q.has("ssl_ca");
  // Without a driver SQLAlchemy picks mysqlclient, which few installs have; PyMySQL is pure Python.
  const rest = text.slice(text.indexOf("://"));
  return {
    ok: true,
    url: {
      kind: "mysql", driver, secrets,
      host: parts.host ?? "localhost", port, user: parts.user, password: parts.password,
      database: parts.database ? decode(parts.database)! : null,
      socketPath: q.get("unix_socket") ?? undefined, charset: q.get("charset") ?? undefined, ssl,
      sqlalchemyUrl: `${dialect}+${driver ?? "pymysql"}${rest}`,
    },
  };
}

/** Names a kind for messages. */
export function kindLabel(kind: DatabaseKind): string {
  return kind === "postgresql" ? "PostgreSQL" : kind === "sqlite" ? "SQLite" : "MySQL/MariaDB";
}

/** The node-postgres connection string of a PostgreSQL URL; null for other backends. */
export function postgresConnectionString(url: DatabaseUrl): string | null {
  return url.kind === "postgresql" ? url.connectionString : null;
}
