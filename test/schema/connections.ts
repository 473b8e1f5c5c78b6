// Thin adapters over pg, better-sqlite3 and mysql2 with the ReplayConnection shape, for the
// schema tests. lib/server/db's openConnection replaces them once the executors use it.
import Database from "better-sqlite3";
import pg from "pg";
import { connectTestMysql } from "../backends";
import type { OpenConnection, ReplayConnection } from "../../lib/server/schema/reader";

export const openTestConnection: OpenConnection = async (url) => {
  if (/^postgres(ql)?(\+\w+)?:\/\//.test(url)) return openPostgres(url.replace(/^postgresql\+\w+:/, "postgresql:"));
  if (url.startsWith("sqlite:///")) return openSqlite(url.slice("sqlite:///".length));
  if (/^(mysql|mariadb)(\+\w+)?:\/\//.test(url)) return openMysql(url);
  throw new Error("openTestConnection: unsupported URL scheme");
};

async function openPostgres(url: string): Promise<ReplayConnection> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  return {
    dialect: "postgresql",
    query: async <R,>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as R[] }),
    execute: async (body) => void (await client.query(body)),
    close: () => client.end().catch(() => undefined),
  };
}

async function openSqlite(file: string): Promise<ReplayConnection> {
  const db = new Database(file);
  return {
    dialect: "sqlite",
    query: async <R,>(sql: string, params: unknown[] = []) => {
      const statement = db.prepare(sql);
      if (!statement.reader) {
        statement.run(...params);
        return { rows: [] as R[] };
      }
      return { rows: statement.all(...params) as R[] };
    },
    execute: async (body) => void db.exec(body),
    close: async () => void db.close(),
  };
}

async function openMysql(url: string): Promise<ReplayConnection> {
  const connection = await connectTestMysql(url);
  return {
    dialect: "mysql",
    query: async <R,>(sql: string, params?: unknown[]) => {
      const [rows] = await connection.query(sql, params);
      return { rows: (Array.isArray(rows) ? rows : []) as R[] };
    },
    execute: async (body) => void (await connection.query(body)),
    close: () => connection.end().catch(() => undefined),
  };
}

/** Runs `work` on a fresh connection to `url`, closing it after. */
export async function withTestConnection<T>(url: string, work: (connection: ReplayConnection) => Promise<T>): Promise<T> {
  const connection = await openTestConnection(url);
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}
