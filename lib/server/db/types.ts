import "server-only";

// The connection every backend gives the rest of Retort. Placeholders are each backend's own:
// `$1` on PostgreSQL, `?` on SQLite and MySQL (use `dialectOf(conn).param(n)` to write portable SQL).

export type DatabaseKind = "postgresql" | "sqlite" | "mysql";

export interface QueryResult<R> {
  rows: R[];
  /** Rows returned, or rows inserted / updated / deleted (MySQL: rows matched, as SQLAlchemy counts them). */
  rowCount: number;
}

/** What schema introspection needs: the kind and one statement at a time with parameters. */
export interface SchemaReader {
  readonly dialect: DatabaseKind;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface DbConnection extends SchemaReader {
  /** One statement per call (split bodies with `sqlStatements` first). */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** SQLite: `immediate` takes the write lock at once (BEGIN IMMEDIATE), as every write here does. */
  begin(options?: { immediate?: boolean }): Promise<void>;
  commit(): Promise<void>;
  /** Never throws: a rollback on a dead connection has nothing left to undo. */
  rollback(): Promise<void>;
  readonly inTransaction: boolean;
  /** The connection failed underneath us (server gone, killed); discard it. */
  readonly broken: boolean;
  /**
   * Stops the statement running now, from outside the awaiting code: PostgreSQL pg_cancel_backend
   * and MySQL KILL QUERY (on a connection of their own); SQLite stops before its next statement.
   */
  cancel(): Promise<void>;
  close(): Promise<void>;
}

/** A database error as it may be shown to a user: no URLs, hosts, users or passwords. */
export interface DbErrorInfo {
  /** SQLSTATE on PostgreSQL ("42P01"), the driver's code elsewhere ("ER_NO_SUCH_TABLE", "SQLITE_BUSY"), or a Node code. */
  code: string;
  message: string;
  detail?: string;
  hint?: string;
  /** The statement that failed, clipped, when Retort ran it one at a time. */
  statement?: string;
  /** Its first line in the revision file. */
  line?: number;
}

export interface ConnectOptions {
  /** Give up connecting after this long (default 10 s). */
  connectTimeoutMs?: number;
  /** Abort any statement running longer (PostgreSQL statement_timeout, MariaDB max_statement_time); 0 or absent: none. */
  statementTimeoutMs?: number;
  /** Wait at most this long for a row or table lock (lock_timeout, innodb/metadata lock waits, SQLite busy); absent: the backend's default. */
  lockTimeoutMs?: number;
  /** SQLite: create the file when missing (only for actions that create the version table). */
  create?: boolean;
  /** SQLite: open read-only (status reads), so a read never needs write access. */
  readOnly?: boolean;
}

/** Where an executor gets its one connection: a fresh, dedicated connection per call. */
export type ConnectionSource = () => Promise<DbConnection>;

export interface VersionTableTarget {
  table: string;
  /** Null or absent: PostgreSQL's first schema on the search_path, MySQL's connected database. */
  schema?: string | null;
}

export type LockAttempt =
  | { ok: true; release(): Promise<void> }
  | { ok: false; heldBy: string; since: string | null };
