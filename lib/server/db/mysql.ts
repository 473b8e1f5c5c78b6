import "server-only";
import mysql from "mysql2/promise";
import type { DatabaseUrl } from "./url";
import { ServerConnection } from "./server-connection";
import type { ConnectOptions, QueryResult } from "./types";

type MysqlUrl = Extract<DatabaseUrl, { kind: "mysql" }>;

/** One dedicated mysql2 connection behind the common interface (MySQL and MariaDB). */
export class MysqlConnection extends ServerConnection {
  readonly dialect = "mysql" as const;
  protected readonly beginStatement = "START TRANSACTION";
  mariadb = false;

  constructor(
    readonly connection: mysql.Connection,
    readonly url: MysqlUrl,
  ) {
    super();
    connection.on("error", () => void (this.broken = true));
  }

  get threadId(): number {
    return this.connection.threadId;
  }

  async query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    try {
      const [result] = await this.connection.query({ sql, values: params ?? [] });
      if (Array.isArray(result)) return { rows: result as R[], rowCount: result.length };
      return { rows: [], rowCount: (result as mysql.ResultSetHeader).affectedRows ?? 0 };
    } catch (error) {
      if ((error as { fatal?: boolean }).fatal) this.broken = true;
      throw error;
    }
  }

  async cancel(): Promise<void> {
    const side = await connectMysql(this.url, { connectTimeoutMs: 5_000 });
    try {
      await side.query(`KILL QUERY ${Number(this.threadId)}`);
    } finally {
      await side.close();
    }
  }

  async close(): Promise<void> {
    this.broken = true;
    await this.connection.end().catch(() => this.connection.destroy());
  }
}

export async function connectMysql(url: MysqlUrl, options: ConnectOptions): Promise<MysqlConnection> {
  const connection = await mysql.createConnection({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    database: url.database ?? undefined,
    socketPath: url.socketPath,
    charset: url.charset,
    ssl: url.ssl ? {} : undefined,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    multipleStatements: false,
    // Version rows are plain strings; never let the driver turn values into Dates or numbers.
    dateStrings: true,
    supportBigNumbers: true,
  });
  const wrapped = new MysqlConnection(connection, url);
  try {
    const { rows } = await wrapped.query<{ v: string }>("SELECT VERSION() AS v");
    wrapped.mariadb = /mariadb/i.test(rows[0]?.v ?? "");
    await applyTimeouts(wrapped, options);
  } catch (error) {
    connection.destroy();
    throw error;
  }
  return wrapped;
}

async function applyTimeouts(connection: MysqlConnection, options: ConnectOptions): Promise<void> {
  if (options.lockTimeoutMs) {
    // Both waits are whole seconds; metadata locks (DDL) and InnoDB row locks are separate settings.
    const seconds = Math.max(1, Math.ceil(options.lockTimeoutMs / 1000));
    await connection.query("SET SESSION lock_wait_timeout = ?, innodb_lock_wait_timeout = ?", [seconds, seconds]);
  }
  if (options.statementTimeoutMs) {
    // MariaDB limits every statement; MySQL's max_execution_time only limits SELECTs.
    if (connection.mariadb) await connection.query("SET SESSION max_statement_time = ?", [options.statementTimeoutMs / 1000]);
    else await connection.query("SET SESSION max_execution_time = ?", [Math.ceil(options.statementTimeoutMs)]);
  }
}
