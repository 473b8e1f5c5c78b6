// The header cache's file format: JSON of arrays, not objects. A warm load of 5,000 revisions
// parses the whole file, and rows (no repeated keys, the path given once as the entry's key, the
// message as a prefix length of the docstring) make it about half the size of the objects, with
// a quarter of the objects for the collector to move.
import type { Stats } from "node:fs";
import type { ParseResult, RevisionSource } from "../core/types";

export const FORMAT = 2;

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
type StampRow = [number, number, number, number, string, number];
/**
 * An Alembic revision whose path is the entry's key: revision, downRevisions, dependsOn,
 * branchLabels, message (a string, or its length when it is the start of longDoc), longDoc, createDate.
 */
type CompactRevision = [string, string[], string[], string[], number | string, string, string | null];
/** The stamp, then the modules read (0 for none) and the revision (compact, as parsed, or null). */
type EntryRow = [...StampRow, string[] | 0, CompactRevision | RevisionSource | null];

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

/** The stamp in a stored row (entry or module), or null when the row is not one. */
export function decodeStamp(row: unknown): FileStamp | null {
  if (!Array.isArray(row) || row.length < 6) return null;
  const [size, mtimeMs, ctimeMs, ino, hash, trusted] = row as StampRow;
  if (typeof size !== "number" || typeof mtimeMs !== "number" || typeof ctimeMs !== "number" || typeof ino !== "number" ||
    typeof hash !== "string" || (trusted !== 0 && trusted !== 1)) return null;
  return { size, mtimeMs, ctimeMs, ino, hash, trusted: trusted === 1 };
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

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

function expand(rel: string, stored: unknown): RevisionSource | null | undefined {
  if (stored === null) return null;
  if (!Array.isArray(stored)) return typeof stored === "object" && typeof (stored as RevisionSource).revision === "string" ? stored as RevisionSource : undefined;
  const [revision, downRevisions, dependsOn, branchLabels, message, longDoc, createDate] = stored as CompactRevision;
  if (stored.length !== 7 || typeof revision !== "string" || !isStrings(downRevisions) || !isStrings(dependsOn) || !isStrings(branchLabels) ||
    typeof longDoc !== "string" || (typeof message !== "string" && typeof message !== "number") || (createDate !== null && typeof createDate !== "string")) {
    return undefined;
  }
  return { revision, downRevisions, dependsOn, branchLabels, message: typeof message === "number" ? longDoc.slice(0, message) : message,
    longDoc, createDate, path: rel, format: "alembic" };
}

/** The entry in a stored row, or null when the row is not one (a corrupt or hand-edited file). */
export function decodeEntry(rel: string, row: unknown): Entry | null {
  const stamp = decodeStamp(row);
  if (stamp === null || (row as unknown[]).length !== 8) return null;
  const [reads, stored] = (row as unknown[]).slice(6);
  if (reads !== 0 && !isStrings(reads)) return null;
  const revision = expand(rel, stored);
  if (revision === undefined) return null;
  const result: ParseResult = { revision, problems: [] };
  if (reads !== 0) result.reads = reads;
  return { stamp, result };
}
