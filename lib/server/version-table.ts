import "server-only";
import type pg from "pg";
import type { VersionOp } from "../core/types";
import { qualifiedTable, quoteIdentifier, type VersionTableTarget } from "./sql-identifiers";

/** A version-table problem Alembic would also stop on; the message is Alembic's where it has one. */
export class VersionTableError extends Error {
  constructor(
    readonly code: "row-mismatch" | "missing-schema",
    message: string,
  ) {
    super(message);
    this.name = "VersionTableError";
  }
}

/** Queryable: a pool client or a dedicated client. */
type Queryable = Pick<pg.ClientBase, "query">;

async function versionTableExists(client: Queryable, target: VersionTableTarget): Promise<boolean> {
  // to_regclass follows the search_path when there is no schema, as Alembic's has_table does.
  const { rows } = await client.query<{ found: string | null }>(
    "SELECT to_regclass($1)::text AS found",
    [qualifiedTable(target)],
  );
  return rows[0]?.found != null;
}

/** The rows exactly as stored (no sorting, no de-duplication). A missing table is a state, not an error. */
export async function readVersionRows(
  client: Queryable,
  target: VersionTableTarget,
): Promise<{ tableExists: boolean; rows: string[] }> {
  if (!(await versionTableExists(client, target))) return { tableExists: false, rows: [] };
  const { rows } = await client.query<{ version_num: string }>(
    `SELECT version_num FROM ${qualifiedTable(target)}`,
  );
  return { tableExists: true, rows: rows.map((row) => row.version_num) };
}

/**
 * Alembic's DDL to the letter (alembic-semantics §7.1), so `alembic current` and Retort read the
 * same table. Created only when missing. Returns whether it was created.
 */
export async function ensureVersionTable(client: Queryable, target: VersionTableTarget): Promise<boolean> {
  if (await versionTableExists(client, target)) return false;
  if (target.schema) await requireSchema(client, target.schema);
  const pkName = quoteIdentifier(`${target.table}_pkc`.slice(0, 63), "primary key name");
  await client.query(
    `CREATE TABLE ${qualifiedTable(target)} (\n` +
      `    version_num VARCHAR(32) NOT NULL, \n` +
      `    CONSTRAINT ${pkName} PRIMARY KEY (version_num)\n)`,
  );
  return true;
}

async function requireSchema(client: Queryable, schema: string): Promise<void> {
  const { rowCount } = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
  if (!rowCount) {
    throw new VersionTableError(
      "missing-schema",
      `Schema "${schema}" does not exist, so the version table cannot be created in it. ` +
        `Create the schema first (CREATE SCHEMA ${schema}) or fix the environment's versionSchema.`,
    );
  }
}

/**
 * Applies §4.3's INSERT/UPDATE/DELETE in order. Each UPDATE and DELETE must touch exactly one row,
 * with Alembic's messages; the caller's transaction makes a failure undo the whole step.
 */
export async function applyVersionOps(
  client: Queryable,
  target: VersionTableTarget,
  ops: readonly VersionOp[],
): Promise<void> {
  const table = qualifiedTable(target);
  for (const op of ops) {
    if (op.op === "insert") {
      await client.query(`INSERT INTO ${table} (version_num) VALUES ($1)`, [op.revision]);
    } else if (op.op === "update") {
      const { rowCount } = await client.query(
        `UPDATE ${table} SET version_num = $1 WHERE version_num = $2`,
        [op.to, op.from],
      );
      if (rowCount !== 1) {
        throw new VersionTableError(
          "row-mismatch",
          `Online migration expected to match one row when updating '${op.from}' to '${op.to}' ` +
            `in '${target.table}'; ${rowCount ?? 0} found`,
        );
      }
    } else {
      const { rowCount } = await client.query(`DELETE FROM ${table} WHERE version_num = $1`, [op.revision]);
      if (rowCount !== 1) {
        throw new VersionTableError(
          "row-mismatch",
          `Online migration expected to match one row when deleting '${op.revision}' ` +
            `in '${target.table}'; ${rowCount ?? 0} found`,
        );
      }
    }
  }
}

/** `stamp --purge`: every row goes, whatever it names; the table stays. */
export async function purgeVersionTable(client: Queryable, target: VersionTableTarget): Promise<number> {
  const { rowCount } = await client.query(`DELETE FROM ${qualifiedTable(target)}`);
  return rowCount ?? 0;
}
