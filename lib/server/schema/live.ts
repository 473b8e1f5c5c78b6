import "server-only";
import { sqlStatements } from "../../core/read/sql-statements";
import { openConnection } from "../db/connect";
import { dialectOf } from "../db/dialects";
import { sanitizeDbError } from "../db/errors";
import type { DbConnection, VersionTableTarget } from "../db/types";
import type { DatabaseUrl } from "../db/url";
import { readVersionRows } from "../db/version-table";
import { computeDrift, type DriftReport } from "./drift";
import type { OpenConnection, ReplayConnection } from "./reader";
import type { ReplayProject } from "./replay";
import { type SchemaCache, sharedSchemaCache } from "./schema-cache";
import { scratchProviderFor } from "./scratch";

// Drift of a configured database, as the CLI and the dashboard ask for it: one read-only
// connection to the live database, scratch databases opened through lib/server/db like every
// other connection Retort makes.

/** lib/server/db's connection with the shape a replay needs (a body runs one statement at a time). */
export function asReplayConnection(conn: DbConnection): ReplayConnection {
  return {
    dialect: conn.dialect,
    query: (sql, params) => conn.query(sql, params),
    async execute(body) {
      for (const statement of sqlStatements(body, dialectOf(conn).splitOptions)) await conn.query(statement.text);
    },
    close: () => conn.close(),
  };
}

/** Scratch databases are Retort's own: created when missing (a temporary SQLite file). */
export const openReplayConnection: OpenConnection = async (url) => asReplayConnection(await openConnection(url, { create: true }));

export class DriftConnectionError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = "DriftConnectionError";
  }
}

export interface LiveDriftOptions {
  url: DatabaseUrl;
  target: VersionTableTarget;
  project: ReplayProject;
  baseline?: "auto" | "always";
  cache?: SchemaCache;
}

/**
 * The drift report of a live database. Connection and version-table failures throw
 * DriftConnectionError with a message free of the URL and its secrets; everything after is a
 * value in the report.
 */
export async function driftOfDatabase(options: LiveDriftOptions): Promise<DriftReport> {
  const { url, target } = options;
  let conn: DbConnection;
  try {
    conn = await openConnection(url, { readOnly: true });
  } catch (error) {
    const info = sanitizeDbError(error, url.secrets);
    throw new DriftConnectionError(info.code === "SQLITE_NOTFOUND" ? "The SQLite database file does not exist" : `Cannot connect: ${info.message}`, "connection");
  }
  try {
    let state: { tableExists: boolean; rows: string[] };
    try {
      state = await readVersionRows(conn, target);
    } catch (error) {
      throw new DriftConnectionError(`Cannot read the version table: ${sanitizeDbError(error, url.secrets).message}`, "database");
    }
    const schema = target.schema ?? null;
    return await computeDrift({
      reader: conn,
      project: options.project,
      rows: state.tableExists ? state.rows : null,
      target: { table: target.table, schema },
      schemas: schema ? [schema] : undefined,
      provider: scratchProviderFor({ dialect: url.kind, url: url.sqlalchemyUrl, open: openReplayConnection }),
      baseline: options.baseline,
      cache: options.cache ?? sharedSchemaCache(),
    });
  } finally {
    await conn.close();
  }
}
