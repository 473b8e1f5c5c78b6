// The header cache's file format: JSON of arrays, not objects. A warm load of 5,000 revisions
// parses the whole file, and rows (no repeated keys, the path given once as the entry's key, the
// message as a prefix length of the docstring) make it about half the size of the objects, with
// a quarter of the objects for the collector to move.
import type { Stats } from "node:fs";
import type { ParseResult, RevisionSource } from "../core/types";

export const FORMAT = 3;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  /** sha1 of the text. */
  hash: string;
  /** The stamp alone proves the file unchanged (see RACY_WINDOW_MS). */
  trusted: boolean;
}

export interface Entry {
  stamp: FileStamp;
  result: ParseResult;
}

/** size, mtimeMs, ctimeMs, ino, hash, trusted (1 or 0). */
export type StampRow = [number, number, number, number, string, number];
/** A row that starts with a stamp (a module's is only that, an entry's goes on). */
type StampedRow = [...StampRow, ...unknown[]];
/**
 * An Alembic revision whose path is the entry's key: revision, downRevisions, dependsOn,
 * branchLabels, message (a string, or its length when it is the start of longDoc), longDoc, createDate.
 */
type CompactRevision = [string, string[], string[], string[], number | string, string, string | null];
/** The stamp, then the modules read (0 for none) and the revision (compact, as parsed, or null). */
export type EntryRow = [...StampRow, string[] | 0, CompactRevision | RevisionSource | null];

/** On disk: `entries` by relative path, `modules` by absolute path. */
export interface CacheFileData {
  format: number;
  version: string;
  entries: Record<string, unknown>;
  modules: Record<string, unknown>;
}

/** The stamp `stats` proves; trusted only when mtime and ctime were already old at `now` (racy writes). */
export function stampOf(stats: Stats, hash: string, now: number, racyWindowMs: number): FileStamp {
  const trusted = stats.mtimeMs <= now - racyWindowMs && stats.ctimeMs <= now - racyWindowMs;
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino, hash, trusted };
}

export function encodeStamp(s: FileStamp): StampRow {
  return [s.size, s.mtimeMs, s.ctimeMs, s.ino, s.hash, s.trusted ? 1 : 0];
}

/** A stored row that starts with a well-formed stamp (entry or module). */
export function isStampRow(row: unknown): row is StampedRow {
  if (!Array.isArray(row) || row.length < 6) return false;
  const trusted = row[5];
  return typeof row[0] === "number" && typeof row[1] === "number" && typeof row[2] === "number" && typeof row[3] === "number" &&
    typeof row[4] === "string" && (trusted === 0 || trusted === 1);
}

/** True when `stats` (taken at `now`) proves the file is the one a trusted stamp row recorded, without reading it. */
export function rowProves(row: StampedRow, stats: Stats, now: number): boolean {
  return row[5] === 1 && stats.mtimeMs <= now && stats.ctimeMs <= now && row[0] === stats.size && row[1] === stats.mtimeMs &&
    row[2] === stats.ctimeMs && row[3] === stats.ino;
}

/** An entry row whose stamp is renewed from `stats` (its content hash checked equal). */
export function restampRow(row: EntryRow, stats: Stats, now: number, racyWindowMs: number): EntryRow {
  return [...encodeStamp(stampOf(stats, row[4], now, racyWindowMs)), row[6], row[7]];
}

const STANDARD_KEYS = "revision,downRevisions,dependsOn,branchLabels,message,longDoc,createDate,path,format";

function compact(rel: string, r: RevisionSource): CompactRevision | RevisionSource {
  if (r.format !== "alembic" || r.path !== rel || Object.keys(r).join(",") !== STANDARD_KEYS) return r;
  const message = r.longDoc.startsWith(r.message) ? r.message.length : r.message;
  return [r.revision, r.downRevisions, r.dependsOn, r.branchLabels, message, r.longDoc, r.createDate];
}

export function encodeEntry(rel: string, entry: Entry): EntryRow {
  const { revision, reads } = entry.result;
  return [...encodeStamp(entry.stamp), reads ?? 0, revision === null ? null : compact(rel, revision)];
}

function isStrings(v: unknown): v is string[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== "string") return false;
  return true;
}

function expand(rel: string, stored: unknown): RevisionSource | null | undefined {
  if (stored === null) return null;
  if (!Array.isArray(stored)) return typeof stored === "object" && typeof (stored as RevisionSource).revision === "string" ? stored as RevisionSource : undefined;
  if (stored.length !== 7) return undefined;
  const revision: unknown = stored[0];
  const downRevisions: unknown = stored[1];
  const dependsOn: unknown = stored[2];
  const branchLabels: unknown = stored[3];
  const message: unknown = stored[4];
  const longDoc: unknown = stored[5];
  const createDate: unknown = stored[6];
  if (typeof revision !== "string" || !isStrings(downRevisions) || !isStrings(dependsOn) || !isStrings(branchLabels) ||
    typeof longDoc !== "string" || (typeof message !== "string" && typeof message !== "number") || (createDate !== null && typeof createDate !== "string")) {
    return undefined;
  }
  return { revision, downRevisions, dependsOn, branchLabels, message: typeof message === "number" ? longDoc.slice(0, message) : message,
    longDoc, createDate, path: rel, format: "alembic" };
}

/** A stored row that is an entry: a stamp, the modules read and the revision. */
export function isEntryRow(row: unknown): row is EntryRow {
  return isStampRow(row) && (row as unknown[]).length === 8;
}

/** The parse result an entry row holds, or null when the row is not one (a corrupt or hand-edited file). */
export function decodeResult(rel: string, row: EntryRow): ParseResult | null {
  const reads = row[6];
  if (reads !== 0 && !isStrings(reads)) return null;
  const revision = expand(rel, row[7]);
  if (revision === undefined) return null;
  const result: ParseResult = { revision, problems: [] };
  if (reads !== 0) result.reads = reads;
  return result;
}
