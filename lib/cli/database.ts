// Database access for the CLI: one short-lived connection per command.
import pg from "pg";
import { sanitizeDbError, secretsOf } from "../server/pg";
import { readVersionRows } from "../server/version-table";
import type { VersionTarget } from "./context";
import { CliError } from "./output";

type DatabaseTarget = Extract<VersionTarget, { kind: "database" }>;

export async function withClient<T>(target: DatabaseTarget, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 10_000, application_name: "retort cli" });
  // An idle-connection error after we are done must not crash the process with the URL in it.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const { message } = sanitizeDbError(error, secretsOf(target.url));
    throw new CliError("connection", `Cannot connect to ${target.name}: ${message}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface VersionState {
  tableExists: boolean;
  /** Rows in the order the database returned them (`downgrade -1` uses the first). */
  rows: string[];
}

export async function readVersionState(target: VersionTarget): Promise<VersionState> {
  if (target.kind === "from") return { tableExists: true, rows: target.rows };
  if (target.kind === "none") return { tableExists: false, rows: [] };
  return withClient(target, async (client) => {
    try {
      return await readVersionRows(client, { table: target.table, schema: target.schema });
    } catch (error) {
      throw new CliError("database", `Cannot read the version table of ${target.name}: ${sanitizeDbError(error, secretsOf(target.url)).message}`);
    }
  });
}
