// Database access for the CLI: one short-lived connection per command.
import type pg from "pg";
import { type ConnectionLease, dedicatedConnection, sanitizeDbError, secretsOf } from "../server/pg";
import { readVersionRows } from "../server/version-table";
import type { VersionTarget } from "./context";
import { CliError } from "./output";

type DatabaseTarget = Extract<VersionTarget, { kind: "database" }>;

/** One short-lived connection (the executors' own dedicatedConnection), with errors the CLI can print. */
async function withClient<T>(target: DatabaseTarget, fn: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  let lease: ConnectionLease;
  try {
    lease = await dedicatedConnection({ connectionString: target.url })();
  } catch (error) {
    const { message } = sanitizeDbError(error, secretsOf(target.url));
    throw new CliError("connection", `Cannot connect to ${target.name}: ${message}`);
  }
  try {
    return await fn(lease.client);
  } finally {
    await lease.release();
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
