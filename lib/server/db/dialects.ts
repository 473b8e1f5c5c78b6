import "server-only";
import type { Dialect } from "./dialect";
import { mysqlDialect } from "./mysql-dialect";
import { postgresDialect } from "./postgres-dialect";
import { sqliteDialect } from "./sqlite-dialect";
import type { DatabaseKind } from "./types";

const DIALECTS: Record<DatabaseKind, Dialect> = { postgresql: postgresDialect, sqlite: sqliteDialect, mysql: mysqlDialect };

export function dialectOf(conn: { dialect: DatabaseKind }): Dialect {
  return DIALECTS[conn.dialect];
}

/** The dialect of a configured environment's backend (known from its URL, before connecting). */
export function dialectFor(kind: DatabaseKind): Dialect {
  return DIALECTS[kind];
}
