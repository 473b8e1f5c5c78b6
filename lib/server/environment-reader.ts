import "server-only";
import { databaseOf, type EnvironmentConfig } from "./config";
import { dialectOf } from "./db/dialects";
import { sanitizeDbError } from "./db/errors";
import { withPooledConnection } from "./db/pool";
import type { DbConnection } from "./db/types";
import type { DatabaseUrl } from "./db/url";
import { readVersionRows } from "./db/version-table";
import { describeFailure } from "./db/describe-failure";

export { describeFailure } from "./db/describe-failure";

// Reads one environment's version table (and whether it holds other tables) within a hard time
// limit, so a dead database costs the dashboard at most that long. Never throws.

export const STATUS_TIMEOUT_MS = 3_000;

export type EnvironmentState =
  | { reachable: true; tableExists: boolean; rows: string[]; hasUserTables: boolean; note?: string; missing?: boolean }
  | { reachable: false; reason: string };

export async function readEnvironmentState({
  env,
  timeoutMs = STATUS_TIMEOUT_MS,
}: {
  env: EnvironmentConfig;
  timeoutMs?: number;
}): Promise<EnvironmentState> {
  if (env.unavailable) return { reachable: false, reason: env.unavailable };
  let url: DatabaseUrl;
  try {
    url = databaseOf(env);
  } catch {
    return { reachable: false, reason: "no database URL is configured" };
  }
  const options = { connectTimeoutMs: timeoutMs, statementTimeoutMs: timeoutMs, lockTimeoutMs: Math.min(timeoutMs, 1_000), readOnly: true };
  const work = withPooledConnection(`status:${env.name}`, url, options, (conn) => readState(conn, env));
  const timedOut = Symbol("timed out");
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), timeoutMs + 250);
  });
  try {
    const result = await Promise.race([work, deadline]);
    if (result === timedOut) return { reachable: false, reason: describeFailure({ code: "ETIMEDOUT", message: "timeout" }, url, timeoutMs) };
    return result;
  } catch (error) {
    const code = sanitizeDbError(error).code;
    // A SQLite file that is not there yet is an empty database to be: reads never create it.
    if (code === "SQLITE_NOTFOUND") {
      const note = `${sanitizeDbError(error, url.secrets).message}; an upgrade or a stamp creates it`;
      return { reachable: true, tableExists: false, rows: [], hasUserTables: false, note, missing: true };
    }
    return { reachable: false, reason: describeFailure(error, url, timeoutMs) };
  } finally {
    clearTimeout(timer);
    // A late failure of abandoned work must not surface as an unhandled rejection.
    work.catch(() => undefined);
  }
}

async function readState(conn: DbConnection, env: EnvironmentConfig): Promise<EnvironmentState> {
  const target = { table: env.versionTable, schema: env.versionSchema };
  const { tableExists, rows } = await readVersionRows(conn, target);
  // Only an empty or missing version table makes the other tables matter (unversioned vs empty).
  const hasUserTables = rows.length === 0 ? await dialectOf(conn).hasOtherTables(conn, target) : true;
  return { reachable: true, tableExists, rows: [...rows].sort(), hasUserTables };
}
