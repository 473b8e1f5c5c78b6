import "server-only";
import type { DatabaseKind, DbConnection, QueryResult } from "./types";

/**
 * What the two client-server backends share: transactions as plain statements on one dedicated
 * connection, and the flags the pool and the runner read. Each subclass runs the statements.
 */
export abstract class ServerConnection implements DbConnection {
  abstract readonly dialect: DatabaseKind;
  inTransaction = false;
  broken = false;

  /** The statement that opens a transaction on this backend. */
  protected abstract readonly beginStatement: string;

  abstract query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  abstract cancel(): Promise<void>;
  abstract close(): Promise<void>;

  async begin(): Promise<void> {
    await this.query(this.beginStatement);
    this.inTransaction = true;
  }

  async commit(): Promise<void> {
    try {
      await this.query("COMMIT");
    } finally {
      this.inTransaction = false;
    }
  }

  async rollback(): Promise<void> {
    this.inTransaction = false;
    await this.query("ROLLBACK").catch(() => undefined);
  }
}
