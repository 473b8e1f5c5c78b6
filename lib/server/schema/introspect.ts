import "server-only";
import type { SchemaModel } from "../../core/schema/model";
import { introspectMysql } from "./mysql";
import { introspectPostgres } from "./postgres";
import { isBookkeepingTable, type SchemaReader } from "./reader";
import { introspectSqlite } from "./sqlite";

export interface IntrospectOptions {
  reader: SchemaReader;
  /** PostgreSQL schemas or the MySQL database to read; default: the connection's current one. SQLite: always `main`. */
  schemas?: string[];
  /** The environment's Alembic version table (default alembic_version), never reported. */
  versionTable?: string;
}

/** The database's schema as one normalised model. Retort's `retort_*` tables and the version table are left out. */
export async function introspectSchema({ reader, schemas, versionTable }: IntrospectOptions): Promise<SchemaModel> {
  const skip = (table: string) => isBookkeepingTable(table, versionTable);
  if (reader.dialect === "postgresql") return introspectPostgres(reader, { schemas, skip });
  if (reader.dialect === "mysql") return introspectMysql(reader, { schemas, skip });
  return introspectSqlite(reader, { skip });
}
