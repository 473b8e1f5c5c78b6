import "server-only";
// The dialect layer: one connection type and one set of SQL helpers for PostgreSQL, SQLite and
// MySQL/MariaDB. Code outside lib/server/db/ imports from here and never branches on the kind.
export type { ConnectOptions, ConnectionSource, DatabaseKind, DbConnection, DbErrorInfo, LockAttempt, QueryResult, SchemaReader, VersionTableTarget } from "./types";
export type { Dialect, WaitState } from "./dialect";
export { connector, openConnection, secretsOfUrl } from "./connect";
export { dialectFor, dialectOf } from "./dialects";
export { DbError, isCancelled, isConnectionLost, redact, sanitizeDbError } from "./errors";
export { closeAllPools, withPooledConnection } from "./pool";
export { kindLabel, parseDatabaseUrl, SUPPORTED_SCHEMES, type DatabaseUrl, type UrlResult } from "./url";
export { applyVersionOps, ensureVersionTable, purgeVersionTable, readVersionRows, VersionTableError } from "./version-table";
export { currentHolder, type RunHolder } from "./holder";
