// Real SQLite files and real MySQL/MariaDB databases for tests, beside test/db.ts's PostgreSQL.
// MySQL: TEST_MYSQL_URL's server, default mysql://root@127.0.0.1:3306 (the MariaDB that developer
// machines and CI run; .ci/run starts one when none answers).
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import pg from "pg";
import { createTestDatabase } from "./db";

export interface TestSqliteFile {
  /** Absolute path of the database file (not created yet). */
  file: string;
  /** `sqlite:////abs/path.db`, as SQLAlchemy writes an absolute path. */
  url: string;
  drop(): Promise<void>;
}

/** A fresh directory with a database path inside it; the file itself is created by whoever opens it. */
export async function createSqliteFile(prefix = "retort-test"): Promise<TestSqliteFile> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `${prefix}-sqlite-`));
  const file = path.join(dir, "test.db");
  return { file, url: `sqlite:///${file}`, drop: () => fs.rm(dir, { recursive: true, force: true }) };
}

export interface TestMysqlDatabase {
  /** `mysql://user@host:port/name`. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function mysqlServerUrl(): string {
  return process.env.TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306";
}

/** Whether the MySQL/MariaDB test server answers; suites that need it fail loudly when it does not. */
export async function mysqlAvailable(): Promise<boolean> {
  try {
    await withMysql(mysqlServerUrl(), async () => undefined);
    return true;
  } catch {
    return false;
  }
}

export async function createMysqlDatabase(prefix = "retort_test"): Promise<TestMysqlDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`.toLowerCase();
  if (!/^[a-z_][a-z0-9_]{0,63}$/.test(name)) throw new Error(`bad test database name ${name}`);
  const server = mysqlServerUrl();
  await withMysql(server, (c) => c.query(`CREATE DATABASE \`${name}\``));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => withMysql(server, (c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``)).then(() => undefined) };
}

/** A raw mysql2 connection to `url` (multiple statements allowed: test setup only). */
export function connectTestMysql(url: string): Promise<mysql.Connection> {
  const parsed = new URL(url);
  return mysql.createConnection({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username || "root"),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || undefined,
    multipleStatements: true,
    connectTimeout: 5_000,
  });
}

export async function withMysql<T>(url: string, work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await connectTestMysql(url);
  try {
    return await work(connection);
  } finally {
    await connection.end().catch(() => undefined);
  }
}

// ---- one interface over the three backends, for suites that run the same cases on each ---------


export type BackendKind = "postgresql" | "sqlite" | "mysql";

/** A fresh, real database of one kind, read back with its own driver (never through Retort). */
export interface TestTarget {
  kind: BackendKind;
  url: string;
  /** Runs one statement with the driver's own placeholders ($1 / ?). */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  tableExists(name: string): Promise<boolean>;
  /** Sorted rows, or null when the version table does not exist. */
  versionRows(table?: string): Promise<string[] | null>;
  drop(): Promise<void>;
}

export const BACKEND_KINDS: BackendKind[] = ["postgresql", "sqlite", "mysql"];

export async function createTarget(kind: BackendKind, prefix = "retort_test"): Promise<TestTarget> {
  if (kind === "postgresql") {
    const db = await createTestDatabase(prefix);
    // One client for the whole test, opened on first use: reads between steps stay cheap.
    let client: pg.Client | null = null;
    const query = async <R>(sql: string, params: unknown[] = []) => {
      if (!client) {
        client = new pg.Client({ connectionString: db.url });
        client.on("error", () => undefined);
        await client.connect();
      }
      return (await client.query(sql, params)).rows as R[];
    };
    const tableExists = async (name: string) => (await query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [name]))[0]?.t != null;
    const drop = async () => {
      await (client as pg.Client | null)?.end().catch(() => undefined);
      await db.drop();
    };
    return targetOf(kind, db.url, query, tableExists, drop);
  }
  if (kind === "sqlite") {
    const file = await createSqliteFile(prefix);
    const query = async <R>(sql: string, params: unknown[] = []) => {
      const db = new Database(file.file);
      try {
        const statement = db.prepare(sql);
        return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as R[];
      } finally {
        db.close();
      }
    };
    const tableExists = async (name: string) => {
      const db = new Database(file.file, { fileMustExist: false });
      try {
        return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").all(name).length > 0;
      } finally {
        db.close();
      }
    };
    return targetOf(kind, file.url, query, tableExists, file.drop, file.file);
  }
  const db = await createMysqlDatabase(prefix);
  let connection: mysql.Connection | null = null;
  const query = async <R>(sql: string, params: unknown[] = []) => {
    if (!connection) {
      const url = new URL(db.url);
      connection = await mysql.createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username || "root"),
        password: decodeURIComponent(url.password), database: db.name });
      connection.on("error", () => undefined);
    }
    const [rows] = await connection.query(sql, params);
    return (Array.isArray(rows) ? rows : []) as R[];
  };
  const tableExists = async (name: string) => (await query("SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?", [name])).length > 0;
  const drop = async () => {
    await (connection as mysql.Connection | null)?.end().catch(() => undefined);
    await db.drop();
  };
  return targetOf(kind, db.url, query, tableExists, drop);
}

function targetOf(kind: BackendKind, url: string, query: TestTarget["query"], tableExists: TestTarget["tableExists"], drop: () => Promise<void>, file?: string): TestTarget & { file?: string } {
  return {
    kind, url, query, tableExists, drop, file,
    async versionRows(table = "alembic_version") {
      if (!(await tableExists(table))) return null;
      const rows = await query<{ version_num: string }>(`SELECT version_num FROM ${table}`);
      return rows.map((r) => r.version_num).sort();
    },
  };
}

/** SQL that takes about `seconds` on this backend (SQLite has no sleep: a recursive count). */
export function sleepSql(kind: BackendKind, seconds: number): string {
  if (kind === "postgresql") return `SELECT pg_sleep(${seconds})`;
  if (kind === "mysql") return `SELECT SLEEP(${seconds})`;
  return `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${Math.round(seconds * 6_000_000)}) SELECT count(*) FROM c`;
}
