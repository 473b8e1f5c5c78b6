import "server-only";
import { dialectOf } from "../db/dialects";
import { sanitizeDbError } from "../db/errors";
import type { ConnectionSource, DbConnection, VersionTableTarget } from "../db/types";
import type { SessionTimeouts } from "../db/dialect";
import type { DatabaseUrl } from "../db/url";
import { readVersionRows } from "../db/version-table";

// What every run through the project's own Alembic (upgrade, downgrade, rehearsal) does before
// the subprocess starts: a fresh connection, the same run lock the SQL executors take, and the
// re-read of the rows compared with the preview. No transaction is held while Alembic runs: on
// SQLite that would lock Alembic itself out.

/** The database an Alembic run targets: an environment's, or a URL given to the CLI. */
export interface AlembicDatabase {
  /** How messages and the audit log name it (an environment, or "--url"). */
  name: string;
  url: DatabaseUrl;
  /** Fresh connections for the lock and the reads (with the environment's timeouts). */
  connection: ConnectionSource;
  /** The environment's timeouts, also given to Alembic's own sessions where the backend allows. */
  timeouts?: SessionTimeouts;
}

interface Refusals<R> {
  refused(code: string, message: string, extra?: { heldBy?: string; since?: string | null; rowsBefore?: string[]; rowsAfter?: string[] }): R;
}

export async function withAlembicLock<R>(
  options: { database: AlembicDatabase; target: VersionTableTarget; expectedRows: readonly string[] },
  holder: string,
  { refused }: Refusals<R>,
  work: (conn: DbConnection, rowsBefore: string[]) => Promise<R>,
): Promise<R> {
  const { secrets } = options.database.url;
  let conn: DbConnection;
  try {
    conn = await options.database.connection();
  } catch (error) {
    return refused("connection", `Could not connect to the database: ${sanitizeDbError(error, secrets).message}`);
  }
  try {
    const lock = await dialectOf(conn).tryLock(conn, options.target, holder);
    if (!lock.ok) {
      const message = `The version table is locked by "${lock.heldBy}"${lock.since ? ` (since ${lock.since})` : ""}; nothing was run`;
      return refused("locked", message, { heldBy: lock.heldBy, since: lock.since });
    }
    try {
      const rowsBefore = (await readVersionRows(conn, options.target)).rows.sort();
      const expected = [...new Set(options.expectedRows)].sort();
      if (expected.join(",") !== rowsBefore.join(",")) {
        const message = `The version table changed since the preview: expected [${expected.join(", ")}], found [${rowsBefore.join(", ")}]; nothing was run`;
        return refused("rows-changed", message, { rowsBefore, rowsAfter: rowsBefore });
      }
      return await work(conn, rowsBefore);
    } finally {
      await lock.release().catch(() => undefined);
    }
  } catch (error) {
    return refused("internal", sanitizeDbError(error, secrets).message);
  } finally {
    await conn.close();
  }
}
