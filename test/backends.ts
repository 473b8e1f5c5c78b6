// Real SQLite files and real MySQL/MariaDB databases for tests, beside test/db.ts's PostgreSQL.
// MySQL: TEST_MYSQL_URL's server, default mysql://root@127.0.0.1:3306 (the MariaDB that developer
// machines and CI run; .ci/run starts one when none answers).
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";

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

export async function withMysql<T>(url: string, work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const parsed = new URL(url);
  const connection = await mysql.createConnection({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username || "root"),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || undefined,
    multipleStatements: true,
    connectTimeout: 5_000,
  });
  try {
    return await work(connection);
  } finally {
    await connection.end().catch(() => undefined);
  }
}
