import "server-only";
import type { SplitOptions } from "../../core/read/sql-statements";
import type { DatabaseKind, DbConnection, LockAttempt, VersionTableTarget } from "./types";

// What differs between PostgreSQL, SQLite and MySQL/MariaDB, in one place. Everything outside
// lib/server/db/ writes its SQL through these functions and never asks which backend it has.

/** Limits for a session's waits and statements, in milliseconds; absent or 0: none. */
export interface SessionTimeouts {
  lockTimeoutMs?: number;
  statementTimeoutMs?: number;
}

export interface WaitState {
  /** Who holds what this connection waits for, in words (no hosts, users or URLs). */
  blockedBy: string;
  since: string | null;
  /** What it waits for, when the backend says (e.g. "a table metadata lock"). */
  lock?: string;
}

/** How the audit table is spelled and how its values travel on this backend. */
export interface AuditSql {
  /** The audit table's qualified, quoted name. */
  table(schema: string | null): string;
  /** The schema it lives in, or null where the connected database is the only place. */
  schemaFor(configured: string | undefined): string | null;
  /** Statements that create it (and its indexes) when missing; safe to repeat. */
  create(schema: string | null): string[];
  /** Columns a one-row-per-step table of the old format lacks, with this backend's types. */
  runColumns: ReadonlyArray<readonly [name: string, type: string]>;
  /** The table's column names, or null when it does not exist. */
  columns(conn: DbConnection, schema: string | null): Promise<Set<string> | null>;
  list(values: readonly string[]): unknown;
  readList(value: unknown): string[];
  json(value: unknown): unknown;
  readJson(value: unknown): unknown;
  time(iso: string): unknown;
  readTime(value: unknown): string;
}

export interface Dialect {
  readonly kind: DatabaseKind;
  /** "PostgreSQL", "SQLite", "MySQL/MariaDB". */
  readonly label: string;
  /** A rollback undoes DDL (PostgreSQL, SQLite); MySQL commits each DDL statement implicitly. */
  readonly transactionalDdl: boolean;
  /** How this backend's SQL is split into statements (MySQL: backslash escapes, backticks, # comments). */
  readonly splitOptions: SplitOptions;
  /** Validated and quoted; throws InvalidIdentifierError for anything but a plain identifier. */
  quote(name: string, what?: string): string;
  /** The n-th (1-based) parameter placeholder. */
  param(index: number): string;
  /** The version table's qualified, quoted name. */
  qualified(target: VersionTableTarget): string;
  /** Refuses a target this backend cannot hold (SQLite has no schemas; MySQL needs a database). */
  checkTarget(conn: DbConnection, target: VersionTableTarget): Promise<void>;
  tableExists(conn: DbConnection, target: VersionTableTarget): Promise<boolean>;
  schemaExists(conn: DbConnection, schema: string): Promise<boolean>;
  /** How to create a missing schema, for the message that asks for it. */
  createSchemaHint(schema: string): string;
  /** Tables or views other than the version table and Retort's own (retort_*): unversioned vs empty. */
  hasOtherTables(conn: DbConnection, target: VersionTableTarget): Promise<boolean>;
  /** The run lock for one version table: fail fast, name the holder. */
  tryLock(conn: DbConnection, target: VersionTableTarget, holder: string): Promise<LockAttempt>;
  /** Who holds that lock now, without taking it; null when it is free. */
  lockHolder(conn: DbConnection, target: VersionTableTarget): Promise<{ heldBy: string; since: string | null } | null>;
  /** Whether `conn`'s current statement waits for a lock, and on whom. */
  waitState(conn: DbConnection): Promise<WaitState | null>;
  /**
   * Variables that make a child process's own connections carry `tag` and the timeouts
   * (PostgreSQL: PGAPPNAME and PGOPTIONS, read by libpq and so by psycopg2), so that
   * stopTaggedSessions can end them; none where the backend has no such variables.
   */
  childSessionEnv(tag: string, timeouts?: SessionTimeouts): Record<string, string>;
  /** Ends the sessions carrying `tag` and their statements (a killed client's backend would run on); how many. */
  stopTaggedSessions(conn: DbConnection, tag: string): Promise<number>;
  readonly audit: AuditSql;
}
