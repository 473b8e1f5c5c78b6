import "server-only";
import { validateIdentifier } from "../sql-identifiers";
import type { AuditSql, Dialect } from "./dialect";
import { DbError } from "./errors";
import { textColumns } from "./json-columns";
import { type MysqlConnection, connectMysql } from "./mysql";
import { mysqlLockHolder, tryNamedLock } from "./mysql-lock";
import type { DbConnection, VersionTableTarget } from "./types";

// On MySQL a "schema" is a database: versionSchema names the database holding the version table.
const quote = (name: string, what = "identifier") => `\`${validateIdentifier(name, what)}\``;
const qualified = ({ table, schema }: VersionTableTarget) =>
  schema ? `${quote(schema, "version table schema")}.${quote(table, "version table name")}` : quote(table, "version table name");

export async function databaseOf(conn: DbConnection, target: VersionTableTarget): Promise<string> {
  if (target.schema) return target.schema;
  const name = (await conn.query<{ db: string | null }>("SELECT DATABASE() AS db")).rows[0]?.db;
  if (!name) throw new DbError("no-database", "the MySQL URL names no database: add /database_name to it");
  return name;
}

const audit: AuditSql = {
  table: () => quote("retort_audit"),
  schemaFor: () => null,
  create: () => [
    `CREATE TABLE IF NOT EXISTS \`retort_audit\` (
      id BIGINT AUTO_INCREMENT PRIMARY KEY,
      at VARCHAR(32) NOT NULL,
      actor VARCHAR(255) NOT NULL,
      environment VARCHAR(64) NOT NULL,
      action VARCHAR(32) NOT NULL,
      target TEXT NOT NULL,
      rows_before TEXT NOT NULL,
      rows_after TEXT NOT NULL,
      steps LONGTEXT NOT NULL,
      result VARCHAR(16) NOT NULL,
      duration_ms INT NULL,
      error TEXT NULL,
      run_id VARCHAR(36) NULL, ended_at VARCHAR(32) NULL, holder_host VARCHAR(255) NULL, holder_pid INT NULL,
      holder_instance VARCHAR(36) NULL, version_table VARCHAR(200) NULL,
      UNIQUE KEY retort_audit_run_id_idx (run_id),
      KEY retort_audit_environment_at_idx (environment, at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  ],
  runColumns: [["run_id", "VARCHAR(36) NULL"], ["ended_at", "VARCHAR(32) NULL"], ["holder_host", "VARCHAR(255) NULL"], ["holder_pid", "INT NULL"], ["holder_instance", "VARCHAR(36) NULL"], ["version_table", "VARCHAR(200) NULL"]],
  async columns(conn) {
    const { rows } = await conn.query<{ name: string }>(
      "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'retort_audit'",
    );
    return rows.length === 0 ? null : new Set(rows.map((r) => r.name));
  },
  ...textColumns,
};

export const mysqlDialect: Dialect = {
  kind: "mysql",
  label: "MySQL/MariaDB",
  splitOptions: { mysql: true },
  transactionalDdl: false,
  quote,
  param: () => "?",
  qualified,
  async checkTarget(conn, target) {
    await databaseOf(conn, target);
  },
  async tableExists(conn, target) {
    const database = await databaseOf(conn, target);
    const { rowCount } = await conn.query(
      "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
      [database, target.table],
    );
    return rowCount > 0;
  },
  async schemaExists(conn, schema) {
    return (await conn.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?", [schema])).rowCount > 0;
  },
  createSchemaHint: (schema) => `CREATE DATABASE ${schema}`,
  async hasOtherTables(conn, target) {
    const database = await databaseOf(conn, { table: target.table });
    const { rowCount } = await conn.query(
      `SELECT 1 FROM information_schema.tables
        WHERE table_schema = ? AND table_name <> ? AND table_name NOT LIKE 'retort\\_%' LIMIT 1`,
      [database, target.schema && target.schema !== database ? "" : target.table],
    );
    return rowCount > 0;
  },
  async tryLock(conn, target, holder) {
    return tryNamedLock(asMysql(conn), await databaseOf(conn, target), target, holder);
  },
  async lockHolder(conn, target) {
    return mysqlLockHolder(asMysql(conn), await databaseOf(conn, target), target);
  },
  // A MySQL session has no tag a child could set for us: the process is stopped, the server
  // notices at its next read or when the wait times out (lock_wait_timeout).
  childSessionEnv: () => ({}),
  stopTaggedSessions: async () => 0,
  async waitState(conn) {
    return mysqlWaitState(asMysql(conn));
  },
  audit,
};

/** A waiting statement shows "Waiting for table metadata lock" (DDL) or "… lock wait" (rows). */
async function mysqlWaitState(conn: MysqlConnection) {
  const side = await connectMysql(conn.url, { connectTimeoutMs: 3_000 });
  try {
    const state = (await side.query<{ state: string | null; time: number }>(
      "SELECT STATE AS state, TIME AS time FROM information_schema.PROCESSLIST WHERE ID = ?", [conn.threadId],
    )).rows[0];
    if (!state?.state || !/lock/i.test(state.state)) return null;
    // Open transactions of other sessions are what holds the locks we wait for.
    const { rows } = await side.query<{ id: number; started: string }>(
      "SELECT trx_mysql_thread_id AS id, trx_started AS started FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id <> ? ORDER BY trx_started",
      [conn.threadId],
    );
    const since = new Date(Date.now() - Number(state.time) * 1000).toISOString();
    const who = rows.length > 0 ? rows.map((r) => `connection ${r.id} (transaction open since ${r.started})`).join(", ") : "another session";
    // "Waiting for table metadata lock" → "a table metadata lock".
    const lock = state.state.replace(/^Waiting for /i, "").toLowerCase();
    return { blockedBy: who, since, lock: `a ${lock}` };
  } finally {
    await side.close();
  }
}

function asMysql(conn: DbConnection): MysqlConnection {
  // By kind, not instanceof: Next.js bundles each route apart, so a connection opened by one
  // route (a server action) and inspected by another (the runs route) has another copy of the class.
  if (conn.dialect !== "mysql") throw new Error("not a mysql connection");
  return conn as MysqlConnection;
}
