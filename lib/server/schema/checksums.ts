import "server-only";
import path from "node:path";
import { type ChecksumFinding, type ChecksumRecord, compareChecksums } from "../../core/schema/checksums";
import { quoteName } from "../../core/schema/sql-render";
import type { RevisionMap } from "../../core/graph/revision-map";
import type { RevisionSource } from "../../core/types";
import { sanitizeDbError } from "../pg";
import { isValidIdentifier } from "../sql-identifiers";
import { fileDigest, revisionDigests } from "./file-digests";
import { type SchemaReader, text } from "./reader";

// retort_revision: one row per revision Retort applied or stamped, with its file's SHA-256 at
// that moment, in the same schema as the version table. Databases upgraded by Alembic alone have
// no such table, so reading never fails because it is absent.

export const CHECKSUM_TABLE = "retort_revision";

export interface ChecksumTarget {
  /** The version table's schema (PostgreSQL schema, MySQL database); null for the connection's own. */
  schema: string | null;
}

function tableName(reader: SchemaReader, target: ChecksumTarget): string {
  const table = quoteName(CHECKSUM_TABLE, reader.dialect);
  if (!target.schema || reader.dialect === "sqlite") return table;
  if (!isValidIdentifier(target.schema)) throw new Error(`Invalid version table schema ${JSON.stringify(target.schema.slice(0, 80))}`);
  return `${quoteName(target.schema, reader.dialect)}.${table}`;
}

export function checksumTableDdl(reader: SchemaReader, target: ChecksumTarget): string {
  const table = tableName(reader, target);
  if (reader.dialect === "postgresql") {
    return `CREATE TABLE IF NOT EXISTS ${table} (revision varchar(255) PRIMARY KEY, path text NOT NULL, sha256 char(64) NOT NULL, action varchar(16) NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())`;
  }
  if (reader.dialect === "mysql") {
    return `CREATE TABLE IF NOT EXISTS ${table} (revision varchar(255) NOT NULL PRIMARY KEY, path varchar(1024) NOT NULL, sha256 char(64) NOT NULL, action varchar(16) NOT NULL, recorded_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)`;
  }
  return `CREATE TABLE IF NOT EXISTS ${table} (revision text PRIMARY KEY, path text NOT NULL, sha256 text NOT NULL, action text NOT NULL, recorded_at text NOT NULL DEFAULT CURRENT_TIMESTAMP)`;
}

/** The records to write for revisions just applied or stamped: each file's digest now. */
export function checksumRecordsFor(root: string, sources: readonly RevisionSource[]): ChecksumRecord[] {
  return sources.flatMap((source) => {
    const sha256 = fileDigest(path.join(root, source.path));
    return sha256 ? [{ revision: source.revision, path: source.path, sha256 }] : [];
  });
}

/**
 * Records (or replaces) the checksums of revisions Retort applied or stamped. Call it on the
 * connection and inside the transaction that changes the version table, so both commit together.
 */
export async function recordChecksums(connection: SchemaReader, target: ChecksumTarget, records: readonly ChecksumRecord[], action: "upgrade" | "stamp", options: { createTable?: boolean } = {}): Promise<void> {
  if (records.length === 0) return;
  // MySQL commits implicitly at any CREATE TABLE: a caller inside a transaction there creates it first.
  if (options.createTable !== false) await connection.query(checksumTableDdl(connection, target));
  const table = tableName(connection, target);
  const p = (i: number) => (connection.dialect === "postgresql" ? `$${i}` : "?");
  const upsert = connection.dialect === "mysql"
    ? "ON DUPLICATE KEY UPDATE path = VALUES(path), sha256 = VALUES(sha256), action = VALUES(action), recorded_at = CURRENT_TIMESTAMP"
    : `ON CONFLICT (revision) DO UPDATE SET path = excluded.path, sha256 = excluded.sha256, action = excluded.action, recorded_at = CURRENT_TIMESTAMP`;
  for (const record of records) {
    await connection.query(`INSERT INTO ${table} (revision, path, sha256, action) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}) ${upsert}`, [record.revision, record.path, record.sha256, action]);
  }
}

/** Forgets revisions a downgrade (or a stamp down) took out of the version table. */
export async function forgetChecksums(connection: SchemaReader, target: ChecksumTarget, revisions: readonly string[]): Promise<void> {
  if (revisions.length === 0 || (await checksumTableState(connection, target)) !== "present") return;
  const table = tableName(connection, target);
  const p = connection.dialect === "postgresql" ? "$1" : "?";
  for (const revision of revisions) await connection.query(`DELETE FROM ${table} WHERE revision = ${p}`, [revision]);
}

export type ChecksumRead = { table: "absent"; records: [] } | { table: "present"; records: ChecksumRecord[] } | { table: "unreadable"; records: []; message: string };

export async function readChecksums(reader: SchemaReader, target: ChecksumTarget): Promise<ChecksumRead> {
  try {
    const table = tableName(reader, target);
    if ((await checksumTableState(reader, target)) === "absent") return { table: "absent", records: [] };
    const rows = (await reader.query(`SELECT revision, path, sha256 FROM ${table} ORDER BY revision`)).rows;
    return { table: "present", records: rows.map((row) => ({ revision: text(row.revision), path: text(row.path), sha256: text(row.sha256).trim() })) };
  } catch (error) {
    return { table: "unreadable", records: [], message: `Could not read ${CHECKSUM_TABLE}: ${sanitizeDbError(error).message}` };
  }
}

async function checksumTableState(reader: SchemaReader, target: ChecksumTarget): Promise<"present" | "absent"> {
  let rows: unknown[];
  if (reader.dialect === "postgresql") {
    rows = (await reader.query("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = $1 AND n.nspname = COALESCE($2::text, current_schema())", [CHECKSUM_TABLE, target.schema])).rows;
  } else if (reader.dialect === "mysql") {
    rows = (await reader.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_NAME = ? AND TABLE_SCHEMA = COALESCE(?, DATABASE())", [CHECKSUM_TABLE, target.schema])).rows;
  } else {
    rows = (await reader.query("SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = ?", [CHECKSUM_TABLE])).rows;
  }
  return rows.length > 0 ? "present" : "absent";
}

/** Edited and missing files among the applied revisions (an absent table means nothing was recorded). */
export async function checkChecksums(options: {
  reader: SchemaReader;
  target: ChecksumTarget;
  map: RevisionMap;
  rows: readonly string[];
  root: string;
  sources: Iterable<RevisionSource>;
}): Promise<{ findings: ChecksumFinding[]; read: ChecksumRead }> {
  const read = await readChecksums(options.reader, options.target);
  const recorded = new Set(read.records.map((r) => r.revision));
  const digests = revisionDigests(options.root, [...options.sources].filter((s) => recorded.has(s.revision)));
  return { findings: compareChecksums({ map: options.map, rows: options.rows, records: read.records, digests }), read };
}
