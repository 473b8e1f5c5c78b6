import "server-only";

// The one thing introspection needs from a database: run a query with the backend's own
// placeholders ($1 on PostgreSQL, ? on SQLite and MySQL). lib/server/db's DbConnection has this
// shape, so any open connection can be read from.

export type SchemaReaderDialect = "postgresql" | "sqlite" | "mysql";

export interface SchemaReader {
  readonly dialect: SchemaReaderDialect;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** A connection a replay can run migrations on: a reader that can also run a multi-statement body. */
export interface ReplayConnection extends SchemaReader {
  /** Runs every statement of `body` in order (no parameters), as the backend's multi-statement call does. */
  execute(body: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens a connection from a SQLAlchemy-style URL; lib/server/db's openConnection, adapted. */
export type OpenConnection = (url: string) => Promise<ReplayConnection>;

/** Tables introspection never reports: Retort's own, the configured version table, and Alembic's default one. */
export function isBookkeepingTable(name: string, versionTable = "alembic_version"): boolean {
  return name === versionTable || name === "alembic_version" || name.startsWith("retort_");
}

export const text = (value: unknown): string => (value === null || value === undefined ? "" : String(value));
export const nullableText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
