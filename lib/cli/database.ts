// Database access for the CLI: one short-lived connection per command.
import { openConnection } from "../server/db/connect";
import { sanitizeDbError } from "../server/db/errors";
import type { DbConnection } from "../server/db/types";
import { readVersionRows } from "../server/db/version-table";
import type { VersionTarget } from "./version-target";
import { CliError } from "./output";

type DatabaseTarget = Extract<VersionTarget, { kind: "database" }>;

/** One short-lived connection, with errors the CLI can print. Reads never create a SQLite file. */
async function withConnection<T>(target: DatabaseTarget, fn: (conn: DbConnection) => Promise<T>): Promise<T> {
  let conn: DbConnection;
  try {
    conn = await openConnection(target.url, { readOnly: true });
  } catch (error) {
    const info = sanitizeDbError(error, target.url.secrets);
    // `current` on a SQLite file that does not exist: no table, as alembic current reports it (without creating the file).
    if (info.code === "SQLITE_NOTFOUND") throw new MissingDatabase();
    throw new CliError("connection", `Cannot connect to ${target.name}: ${info.message}`);
  }
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}

class MissingDatabase extends Error {}

export interface VersionState {
  tableExists: boolean;
  /** Rows in the order the database returned them (`downgrade -1` uses the first). */
  rows: string[];
}

export async function readVersionState(target: VersionTarget): Promise<VersionState> {
  if (target.kind === "from") return { tableExists: true, rows: target.rows };
  if (target.kind === "none") return { tableExists: false, rows: [] };
  try {
    return await withConnection(target, async (conn) => {
      try {
        return await readVersionRows(conn, { table: target.table, schema: target.schema });
      } catch (error) {
        throw new CliError("database", `Cannot read the version table of ${target.name}: ${sanitizeDbError(error, target.url.secrets).message}`);
      }
    });
  } catch (error) {
    if (error instanceof MissingDatabase) return { tableExists: false, rows: [] };
    throw error;
  }
}
