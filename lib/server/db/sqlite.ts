import "server-only";
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { DbError } from "./errors";
import type { DatabaseUrl } from "./url";
import type { ConnectOptions, DbConnection, QueryResult } from "./types";

type SqliteUrl = Extract<DatabaseUrl, { kind: "sqlite" }>;

// better-sqlite3 is synchronous. Each statement yields to the event loop first, so a long
// step never starves other requests between statements and a cancel request gets through.
// SQLite's own busy handler would block the whole process while it waits for another writer,
// so it is off (timeout 0) and busy statements are retried here, asynchronously.

const DEFAULT_BUSY_MS = 5_000;

export class SqliteConnection implements DbConnection {
  readonly dialect = "sqlite" as const;
  broken = false;
  /** Set while a statement waits for another connection's lock (retrying SQLITE_BUSY). */
  waitingSince: string | null = null;
  private cancelRequested = false;

  constructor(
    readonly db: Database.Database,
    readonly url: SqliteUrl,
    readonly busyTimeoutMs: number,
  ) {}

  get file(): string {
    return this.url.file;
  }

  get inTransaction(): boolean {
    return this.db.open && this.db.inTransaction;
  }

  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    return this.run<R>(sql, params ?? [], this.busyTimeoutMs);
  }

  /** One statement; SQLITE_BUSY is retried until `busyMs` has passed (0: fail at once). */
  async run<R>(sql: string, params: unknown[], busyMs: number): Promise<QueryResult<R>> {
    const started = Date.now();
    try {
      return await this.attempt<R>(sql, params, busyMs, started);
    } finally {
      this.waitingSince = null;
    }
  }

  private async attempt<R>(sql: string, params: unknown[], busyMs: number, started: number): Promise<QueryResult<R>> {
    for (let attempt = 0; ; attempt++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.cancelRequested) {
        this.cancelRequested = false;
        throw new DbError("cancelled", "the statement was cancelled before it started");
      }
      try {
        const statement = this.db.prepare(sql);
        const values = params.map(bindable);
        if (statement.reader) {
          const rows = statement.all(...values) as R[];
          return { rows, rowCount: rows.length };
        }
        return { rows: [], rowCount: statement.run(...values).changes };
      } catch (error) {
        const code = (error as { code?: string }).code;
        const waited = Date.now() - started;
        if ((code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") && waited < busyMs) {
          this.waitingSince ??= new Date(started).toISOString();
          await new Promise((resolve) => setTimeout(resolve, Math.min(100, 10 + attempt * 10)));
          continue;
        }
        if (code === "SQLITE_IOERR" || code === "SQLITE_CORRUPT") this.broken = true;
        throw error;
      }
    }
  }

  async begin(options: { immediate?: boolean; busyMs?: number } = {}): Promise<void> {
    await this.run(options.immediate ? "BEGIN IMMEDIATE" : "BEGIN", [], options.busyMs ?? this.busyTimeoutMs);
  }

  async commit(): Promise<void> {
    await this.query("COMMIT");
  }

  async rollback(): Promise<void> {
    try {
      if (this.inTransaction) this.db.exec("ROLLBACK");
    } catch {
      // Nothing left to undo.
    }
  }

  async cancel(): Promise<void> {
    this.cancelRequested = true;
  }

  async close(): Promise<void> {
    this.broken = true;
    if (this.db.open) this.db.close();
  }
}

function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value) || (value !== null && typeof value === "object" && !Buffer.isBuffer(value))) return JSON.stringify(value);
  return value;
}

export async function connectSqlite(url: SqliteUrl, options: ConnectOptions): Promise<SqliteConnection> {
  checkFile(url.file, options);
  let db: Database.Database;
  try {
    db = new Database(url.file, { readonly: options.readOnly ?? false, fileMustExist: !options.create, timeout: 0 });
  } catch (error) {
    throw describeOpenError(error, url.file);
  }
  return new SqliteConnection(db, url, options.lockTimeoutMs ?? DEFAULT_BUSY_MS);
}

/** The checks SQLite would fail with a vague "unable to open database file", made specific. */
function checkFile(file: string, options: ConnectOptions): void {
  const name = path.basename(file);
  let stat;
  try {
    stat = statSync(file);
  } catch {
    if (!options.create) {
      throw new DbError("SQLITE_NOTFOUND", `the SQLite file ${name} does not exist yet`);
    }
    if (!isDirectory(path.dirname(file))) throw new DbError("SQLITE_CANTOPEN", `the directory that should hold the SQLite file ${name} does not exist`);
    return;
  }
  if (stat.isDirectory()) throw new DbError("SQLITE_CANTOPEN", `${name} is a directory, not a SQLite database file`);
  if (options.readOnly) return;
  try {
    accessSync(file, constants.W_OK);
  } catch {
    throw new DbError("SQLITE_READONLY", `the SQLite file ${name} is read-only for the Retort process; nothing was written`);
  }
  try {
    // SQLite writes its journal beside the file.
    accessSync(path.dirname(file), constants.W_OK);
  } catch {
    throw new DbError("SQLITE_READONLY", `the directory holding ${name} is read-only for the Retort process, so SQLite cannot write its journal; nothing was written`);
  }
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function describeOpenError(error: unknown, file: string): Error {
  const code = (error as { code?: string }).code ?? "SQLITE_CANTOPEN";
  const message = (error as Error).message ?? String(error);
  return new DbError(code, `cannot open the SQLite file ${path.basename(file)}: ${message.split(file).join(path.basename(file))}`);
}
