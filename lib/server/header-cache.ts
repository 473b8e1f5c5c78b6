import "server-only";
import { isAscii } from "node:buffer";
import crypto, { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, type Stats, writeFileSync } from "node:fs";
import path from "node:path";
import type { ParseResult } from "../core/types";
import { type CacheFileData, decodeResult, encodeEntry, encodeStamp, type EntryRow, FORMAT, isEntryRow, isStampRow, restampRow, rowProves,
  stampOf as stampAt, type StampRow } from "./header-cache-format";
import { statOrNull } from "./stat-or-null";

// A persistent cache of parsed revision headers, one JSON file per migration directory (what
// Alembic's __pycache__ is to it). An entry is reused without reading the file only when its
// size, mtime, ctime and inode are what they were AND its mtime was already a few seconds old
// when it was recorded (a file written in the same clock tick as the record could change again
// without its mtime moving: git's "racy" case) AND it is not in the future (clock skew). In every
// other doubtful case the file is read and its content hash decides. Files read for constants
// (ParseResult.reads) are dependencies checked the same way. Results with problems are never
// cached: they are re-derived every time, with whatever the project looks like then.

/** A recorded mtime this close to the moment of recording (or later) is not trusted on its own. */
export const RACY_WINDOW_MS = 3_000;

export interface HeaderCacheOptions {
  /** Folder holding the cache files. */
  dir: string;
  /** What produced the results (a build id): another version never reuses them. */
  version: string;
}

/** What the next save writes: rows as stored (reused ones unchanged), entries and module stamps. */
interface CacheFile {
  entries: Record<string, EntryRow>;
  modules: Record<string, StampRow>;
}

/** sha1 of `text`; the one-shot crypto.hash (Node 20.12+) costs a fraction of a Hash object per file. */
export function hashText(text: string): string {
  return oneShotHash ? oneShotHash("sha1", text, "hex") : crypto.createHash("sha1").update(text).digest("hex");
}
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;

const stampOf = (stats: Stats, hash: string, now: number) => stampAt(stats, hash, now, RACY_WINDOW_MS);

/**
 * A cache file as read back; anything unreadable, corrupt or from another version is empty. Entries
 * are checked one by one when looked up (isEntryRow, decodeResult, isStampRow), not all up front: a warm load of 5,000
 * revisions reads each once anyway, and one pass fewer over a 3 MB object tree is ~15 ms.
 */
function readCacheFile(file: string, version: string): CacheFileData {
  const empty: CacheFileData = { format: FORMAT, version, entries: Object.create(null), modules: Object.create(null) };
  try {
    const bytes = readFileSync(file);
    // Written as ASCII (asciiJson): read as latin1, a one-byte string that JSON.parse takes about
    // twice as fast as the two-byte string UTF-8 decoding makes of any accented message.
    if (!isAscii(bytes)) return empty;
    const data = JSON.parse(bytes.toString("latin1")) as CacheFileData;
    if (data?.format !== FORMAT || data.version !== version || !isRecord(data.entries) || !isRecord(data.modules)) return empty;
    return data;
  } catch {
    return empty;
  }
}

/** JSON.stringify with every non-ASCII character escaped (\\uXXXX), so the file is pure ASCII. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const hasOwn = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);

export interface HeaderCache {
  /** A cached result for this file when it provably has not changed; `text` is read only in doubt. */
  lookup(rel: string, file: string, readText: () => string | null): ParseResult | null;
  /** Records a fresh result (ignored when it has problems); `stats`: the file's, taken before `text` was read. */
  record(rel: string, file: string, text: string, result: ParseResult, stats?: Stats | null): void;
  /** Writes the cache file (temp file + rename) when anything changed. */
  save(): void;
}

export function openHeaderCache(options: HeaderCacheOptions, directoryKey: string): HeaderCache {
  const file = path.join(options.dir, `${hashText(`${options.version}\0${directoryKey}`)}.json`);
  const data = readCacheFile(file, options.version);
  const next: CacheFile = { entries: Object.create(null), modules: Object.create(null) };
  const now = Date.now();
  const moduleValid = new Map<string, boolean>();
  let changed = false;

  const readHash = (p: string): string | null => {
    try {
      return hashText(readFileSync(p, "utf8"));
    } catch {
      return null;
    }
  };
  /** Is this module file what it was when its dependants were parsed? Checked once per load. */
  const moduleUnchanged = (name: string): boolean => {
    const known = moduleValid.get(name);
    if (known !== undefined) return known;
    const row = hasOwn(data.modules, name) ? data.modules[name] : undefined;
    const stamp = isStampRow(row) ? (row.slice(0, 6) as StampRow) : null;
    const stats = stamp ? statOrNull(name) : null;
    let valid = false;
    if (stamp && stats) {
      if (rowProves(stamp, stats, now)) valid = true;
      else if (readHash(name) === stamp[4]) {
        valid = true;
        next.modules[name] = encodeStamp(stampOf(stats, stamp[4], now));
        changed = true;
      }
    }
    if (valid && !next.modules[name]) next.modules[name] = stamp!;
    moduleValid.set(name, valid);
    return valid;
  };

  return {
    lookup(rel, filePath, readText) {
      const row = hasOwn(data.entries, rel) ? data.entries[rel] : undefined;
      if (!isEntryRow(row)) return null;
      const stats = statOrNull(filePath);
      if (!stats) return null;
      let kept = row;
      if (!rowProves(row, stats, now)) {
        const text = readText();
        if (text === null || hashText(text) !== row[4]) return null;
        kept = restampRow(row, stats, now, RACY_WINDOW_MS);
        changed = true;
      }
      const result = decodeResult(rel, row);
      if (result === null || (result.reads !== undefined && !result.reads.every(moduleUnchanged))) return null;
      next.entries[rel] = kept;
      return result;
    },
    record(rel, filePath, text, result, known) {
      changed = true;
      const stats = known ?? statOrNull(filePath);
      if (!stats || result.problems.length > 0) return;
      for (const name of result.reads ?? []) {
        if (next.modules[name]) continue;
        const moduleStats = statOrNull(name);
        const hash = moduleStats ? readHash(name) : null;
        if (!moduleStats || hash === null) return;
        next.modules[name] = encodeStamp(stampOf(moduleStats, hash, now));
      }
      next.entries[rel] = encodeEntry(rel, { stamp: stampOf(stats, hashText(text), now), result });
    },
    save() {
      if (!changed && Object.keys(next.entries).length === Object.keys(data.entries).length) return;
      const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      try {
        mkdirSync(options.dir, { recursive: true });
        writeFileSync(temp, asciiJson({ format: FORMAT, version: options.version, entries: next.entries, modules: next.modules } satisfies CacheFileData));
        renameSync(temp, file);
      } catch {
        // A cache that cannot be written only costs speed next time.
        try {
          rmSync(temp, { force: true });
        } catch {
          // The folder is not there to hold a temporary file either.
        }
      }
    },
  };
}
