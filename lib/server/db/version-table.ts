import "server-only";
import type { VersionOp } from "../../core/types";
import { dialectOf } from "./dialects";
import type { DbConnection, VersionTableTarget } from "./types";

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

/** The rows exactly as stored (no sorting, no de-duplication). A missing table is a state, not an error. */
export async function readVersionRows(conn: DbConnection, target: VersionTableTarget): Promise<{ tableExists: boolean; rows: string[] }> {
  const dialect = dialectOf(conn);
  if (!(await dialect.tableExists(conn, target))) return { tableExists: false, rows: [] };
  const { rows } = await conn.query<{ version_num: string }>(`SELECT version_num FROM ${dialect.qualified(target)}`);
  return { tableExists: true, rows: rows.map((row) => String(row.version_num)) };
}

/**
 * Alembic's DDL to the letter (alembic-semantics §7.1; SQLAlchemy emits the same text on all
 * three backends), so `alembic current` and Retort read the same table. Created only when
 * missing. Returns whether it was created. On MySQL this commits implicitly: call it outside
 * a transaction there.
 */
export async function ensureVersionTable(conn: DbConnection, target: VersionTableTarget): Promise<boolean> {
  const dialect = dialectOf(conn);
  if (await dialect.tableExists(conn, target)) return false;
  if (target.schema && !(await dialect.schemaExists(conn, target.schema))) {
    throw new VersionTableError(
      "missing-schema",
      `Schema "${target.schema}" does not exist, so the version table cannot be created in it. ` +
        `Create it first (${dialect.createSchemaHint(target.schema)}) or fix the environment's versionSchema.`,
    );
  }
  const pkName = dialect.quote(`${target.table}_pkc`.slice(0, 63), "primary key name");
  await conn.query(
    `CREATE TABLE ${dialect.qualified(target)} (\n` +
      `    version_num VARCHAR(32) NOT NULL, \n` +
      `    CONSTRAINT ${pkName} PRIMARY KEY (version_num)\n)`,
  );
  return true;
}

/**
 * Applies §4.3's INSERT/UPDATE/DELETE in order. Each UPDATE and DELETE must touch exactly one row,
 * with Alembic's messages; the caller's transaction makes a failure undo the whole step.
 */
export async function applyVersionOps(conn: DbConnection, target: VersionTableTarget, ops: readonly VersionOp[]): Promise<void> {
  const dialect = dialectOf(conn);
  const table = dialect.qualified(target);
  const [p1, p2] = [dialect.param(1), dialect.param(2)];
  for (const op of ops) {
    if (op.op === "insert") {
      await conn.query(`INSERT INTO ${table} (version_num) VALUES (${p1})`, [op.revision]);
    } else if (op.op === "update") {
      const { rowCount } = await conn.query(`UPDATE ${table} SET version_num = ${p1} WHERE version_num = ${p2}`, [op.to, op.from]);
      if (rowCount !== 1) {
        throw new VersionTableError(
          "row-mismatch",
          `Online migration expected to match one row when updating '${op.from}' to '${op.to}' in '${target.table}'; ${rowCount} found`,
        );
      }
    } else {
      const { rowCount } = await conn.query(`DELETE FROM ${table} WHERE version_num = ${p1}`, [op.revision]);
      if (rowCount !== 1) {
        throw new VersionTableError(
          "row-mismatch",
          `Online migration expected to match one row when deleting '${op.revision}' in '${target.table}'; ${rowCount} found`,
        );
      }
    }
  }
}

/** `stamp --purge`: every row goes, whatever it names; the table stays. */
export async function purgeVersionTable(conn: DbConnection, target: VersionTableTarget): Promise<number> {
  return (await conn.query(`DELETE FROM ${dialectOf(conn).qualified(target)}`)).rowCount;
}
