import "server-only";
import pg from "pg";
import type { DatabaseUrl } from "./url";
import { ServerConnection } from "./server-connection";
import type { ConnectOptions, QueryResult } from "./types";

type PostgresUrl = Extract<DatabaseUrl, { kind: "postgresql" }>;

/** One dedicated node-postgres client behind the common interface. */
export class PostgresConnection extends ServerConnection {
  readonly dialect = "postgresql" as const;
  protected readonly beginStatement = "BEGIN";
  /** The server process serving this connection, for pg_cancel_backend and pg_blocking_pids. */
  backendPid = 0;

  constructor(
    readonly client: pg.Client,
    readonly url: PostgresUrl,
  ) {
    super();
    // A client without an error listener crashes the process when the server drops it.
    client.on("error", () => void (this.broken = true));
    client.on("end", () => void (this.broken = true));
  }

  async query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    try {
      const result = await this.client.query(sql, params);
      // A multi-statement text returns one result per statement; callers split bodies first.
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return { rows: (last?.rows ?? []) as R[], rowCount: last?.rowCount ?? 0 };
    } catch (error) {
      if (isSocketError(error)) this.broken = true;
      throw error;
    }
  }

  async cancel(): Promise<void> {
    if (!this.backendPid) return;
    const side = await connectPostgres(this.url, { connectTimeoutMs: 5_000 });
    try {
      await side.query("SELECT pg_cancel_backend($1)", [this.backendPid]);
    } finally {
      await side.close();
    }
  }

  async close(): Promise<void> {
    this.broken = true;
    await this.client.end().catch(() => undefined);
  }
}

function isSocketError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && !/^[0-9A-Z]{5}$/.test(code);
}

export async function connectPostgres(url: PostgresUrl, options: ConnectOptions): Promise<PostgresConnection> {
  const client = new pg.Client({
    connectionString: url.connectionString,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    statement_timeout: options.statementTimeoutMs || undefined,
    lock_timeout: options.lockTimeoutMs || undefined,
  });
  const connection = new PostgresConnection(client, url);
  try {
    await client.connect();
    const { rows } = await connection.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    connection.backendPid = rows[0]?.pid ?? 0;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return connection;
}
