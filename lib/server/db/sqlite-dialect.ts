import "server-only";
import { validateIdentifier } from "../sql-identifiers";
import type { AuditSql, Dialect } from "./dialect";
import { DbError } from "./errors";
import { textColumns } from "./json-columns";
import type { SqliteConnection } from "./sqlite";
import { lockFileHolder, tryLockFile } from "./sqlite-lock";
import type { DbConnection, VersionTableTarget } from "./types";

const quote = (name: string, what = "identifier") => `"${validateIdentifier(name, what)}"`;

// SQLAlchemy reads a schema on SQLite as an attached database; Retort opens one file only.
function checkSchema(target: VersionTableTarget): void {
  if (target.schema && target.schema !== "main") {
    throw new DbError("invalid-target", `SQLite has no schemas: remove versionSchema ("${target.schema}") from this environment`);
  }
}

const audit: AuditSql = {
  table: () => quote("retort_audit"),
  schemaFor: () => null,
  create: () => [
    `CREATE TABLE IF NOT EXISTS "retort_audit" (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      environment TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT NOT NULL,
      rows_before TEXT NOT NULL DEFAULT '[]',
      rows_after TEXT NOT NULL DEFAULT '[]',
      steps TEXT NOT NULL DEFAULT '[]',
      result TEXT NOT NULL,
      duration_ms INTEGER,
      error TEXT,
      run_id TEXT, ended_at TEXT, holder_host TEXT, holder_pid INTEGER, holder_instance TEXT, version_table TEXT
    )`,
    `CREATE INDEX IF NOT EXISTS "retort_audit_environment_at_idx" ON "retort_audit" (environment, at)`,
    `CREATE UNIQUE INDEX IF NOT EXISTS "retort_audit_run_id_idx" ON "retort_audit" (run_id)`,
  ],
  runColumns: [["run_id", "TEXT"], ["ended_at", "TEXT"], ["holder_host", "TEXT"], ["holder_pid", "INTEGER"], ["holder_instance", "TEXT"], ["version_table", "TEXT"]],
  async columns(conn) {
    const { rows } = await conn.query<{ name: string }>("SELECT name FROM pragma_table_info('retort_audit')");
    return rows.length === 0 ? null : new Set(rows.map((r) => r.name));
  },
  ...textColumns,
};

export const sqliteDialect: Dialect = {
  kind: "sqlite",
  label: "SQLite",
  splitOptions: {},
  transactionalDdl: true,
  quote,
  param: () => "?",
  qualified: (target) => {
    checkSchema(target);
    return quote(target.table, "version table name");
  },
  async checkTarget(_conn, target) {
    checkSchema(target);
  },
  async tableExists(conn, target) {
    checkSchema(target);
    // SQLite matches table names without regard to case.
    return (await conn.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE", [target.table])).rowCount > 0;
  },
  async schemaExists(_conn, schema) {
    return schema === "main";
  },
  createSchemaHint: () => "remove versionSchema: SQLite has no schemas",
  async hasOtherTables(conn, target) {
    const { rowCount } = await conn.query(
      `SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view')
          AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'retort\\_%' ESCAPE '\\'
          AND name <> ? COLLATE NOCASE LIMIT 1`,
      [target.table],
    );
    return rowCount > 0;
  },
  async tryLock(conn, _target, holder) {
    const sqlite = asSqlite(conn);
    const file = tryLockFile(sqlite.file, holder);
    if (!file.ok) return file;
    // Another program (not Retort) may hold the write lock: find out now, without waiting.
    try {
      await sqlite.begin({ immediate: true, busyMs: 0 });
      await sqlite.rollback();
    } catch (error) {
      file.release();
      const code = (error as { code?: string }).code;
      if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") {
        return { ok: false, heldBy: "another connection to the database file (not Retort) with an open write transaction", since: null };
      }
      throw error;
    }
    return { ok: true, release: async () => file.release() };
  },
  async lockHolder(conn) {
    return lockFileHolder(asSqlite(conn).file);
  },
  // No server session outlives the process: the file lock goes with it.
  childSessionEnv: () => ({}),
  stopTaggedSessions: async () => 0,
  async waitState(conn) {
    const since = asSqlite(conn).waitingSince;
    return since ? { blockedBy: "another connection holding the database file's write lock", since } : null;
  },
  audit,
};

function asSqlite(conn: DbConnection): SqliteConnection {
  // By kind, not instanceof: Next.js bundles each route apart, so a connection opened by one
  // route (a server action) and inspected by another (the runs route) has another copy of the class.
  if (conn.dialect !== "sqlite") throw new Error("not a sqlite connection");
  return conn as SqliteConnection;
}
