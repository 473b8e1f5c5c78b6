import "server-only";
import type pg from "pg";
import { databaseUrlOf, type EnvironmentConfig } from "./config";
import { getPool, sanitizeDbError, secretsOf } from "./pg";
import { qualifiedTable } from "./sql-identifiers";
import { readVersionRows } from "./version-table";

// Reads one environment's version table (and whether it holds other tables) within a hard time
// limit, so a dead database costs the dashboard at most that long. Never throws.

export const STATUS_TIMEOUT_MS = 3_000;

export type EnvironmentState =
  | { reachable: true; tableExists: boolean; rows: string[]; hasUserTables: boolean }
  | { reachable: false; reason: string };

export async function readEnvironmentState({
  env,
  timeoutMs = STATUS_TIMEOUT_MS,
}: {
  env: EnvironmentConfig;
  timeoutMs?: number;
}): Promise<EnvironmentState> {
  let url: string;
  try {
    url = databaseUrlOf(env);
  } catch {
    return { reachable: false, reason: "no database URL is configured" };
  }
  const pool = getPool(`status:${env.name}`, {
    connectionString: url,
    max: 2,
    connectionTimeoutMs: timeoutMs,
    statementTimeoutMs: timeoutMs,
    idleTimeoutMs: 10_000,
  });
  const work = readWithPool(pool, env);
  const timedOut = Symbol("timed out");
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), timeoutMs + 250);
  });
  try {
    const result = await Promise.race([work, deadline]);
    if (result === timedOut) return { reachable: false, reason: timeoutReason(timeoutMs) };
    return result;
  } catch (error) {
    return { reachable: false, reason: describeFailure(error, url, timeoutMs) };
  } finally {
    clearTimeout(timer);
    // A late failure of abandoned work must not surface as an unhandled rejection.
    work.catch(() => undefined);
  }
}

async function readWithPool(pool: pg.Pool, env: EnvironmentConfig): Promise<EnvironmentState> {
  const client = await pool.connect();
  let broken = false;
  try {
    const target = { table: env.versionTable, schema: env.versionSchema };
    const { tableExists, rows } = await readVersionRows(client, target);
    // Only an empty or missing version table makes the other tables matter (unversioned vs empty).
    const hasUserTables = rows.length === 0 ? await hasOtherTables(client, qualifiedTable(target)) : true;
    return { reachable: true, tableExists, rows: [...rows].sort(), hasUserTables };
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Tables, views or matviews outside the system schemas, other than the version table itself. */
async function hasOtherTables(client: pg.ClientBase, versionTable: string): Promise<boolean> {
  const { rows } = await client.query<{ found: boolean }>(
    `SELECT EXISTS (
       SELECT 1
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\\_%'
          AND c.oid IS DISTINCT FROM to_regclass($1)
          -- objects created by extensions (e.g. PostGIS's spatial_ref_sys) are not the app's
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
     ) AS found`,
    [versionTable],
  );
  return rows[0]?.found === true;
}

function timeoutReason(timeoutMs: number): string {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return `timed out after ${seconds} s`;
}

/** A short reason a person can act on; never the URL, host, user or password. */
export function describeFailure(error: unknown, url: string, timeoutMs: number): string {
  const info = sanitizeDbError(error, secretsOf(url));
  // pg reports its own connect timeout as "Connection terminated due to connection timeout".
  if (/timeout/i.test(info.message) && !/^[0-9A-Z]{5}$/.test(info.code)) return timeoutReason(timeoutMs);
  switch (info.code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ETIMEDOUT":
    case "57014": // statement_timeout
      return timeoutReason(timeoutMs);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "ECONNRESET":
    case "EPIPE":
      return "connection closed by the server";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "host unreachable";
    case "28P01":
      return "password authentication failed";
    case "28000":
      return "authentication rejected by the server (pg_hba.conf or role)";
    case "3D000":
      return `database "${databaseName(url)}" does not exist`;
    case "42501":
      return "permission denied reading the version table";
    case "53300":
      return "too many connections";
    case "57P03":
      return "the database is starting up or shutting down";
    case "invalid-identifier":
      return "the version table or schema name is invalid";
  }
  if (/SSL/i.test(info.message)) return "SSL negotiation failed";
  return `could not read the version table (${info.code === "unknown" ? "unexpected error" : `error ${info.code}`})`;
}

function databaseName(url: string): string {
  try {
    const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
    return name && !/[@:/]/.test(name) ? name : "(configured)";
  } catch {
    return "(configured)";
  }
}
