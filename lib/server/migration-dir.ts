import "server-only";
import { isUtf8 } from "node:buffer";
import { closeSync, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { capProblems } from "../core/problem-caps";
import type { MigrationFormat, ParseResult, Problem, RevisionSource } from "../core/types";
import { type HeaderCache, type HeaderCacheOptions, openHeaderCache } from "./header-cache";
import { resolveLayout, type Layout, type LayoutOptions } from "./migration-layout";
import type { RevisionParser } from "./revision-parser";
import { collectFiles, revisionSubfolders, type FileEntry } from "./version-files";

export { compareCodePoints } from "./version-files";

export interface MigrationDirectory {
  format: MigrationFormat | null;
  /** Revisions in load order (sorted filenames per version directory, as Alembic 1.10+). */
  sources: RevisionSource[];
  problems: Problem[];
  /** Absolute version directories, in search order. */
  versionDirectories: string[];
  /** Absolute directory that `RevisionSource.path` values are relative to. */
  root: string;
  /** The alembic.ini that was read, if any. */
  alembicIni: string | null;
  /** Options read from alembic.ini that matter when writing new revision files. */
  fileTemplate: string;
  truncateSlugLength: number;
  /** The folder holding env.py and script.py.mako, when there is one. */
  scriptLocation: string | null;
  revisionEnvironment: boolean;
  /** Per revision file (relative path): the project modules its values were read from (absolute). */
  imports: Record<string, string[]>;
  /** Every module file any revision's values came from: edits to these change the graph too. */
  importedModules: string[];
}

export type LoadOptions = LayoutOptions & {
  /** A persistent cache of parsed headers (the CLI's); absent: every file is parsed. */
  cache?: HeaderCacheOptions;
};

/** Revision files are headers and small functions; anything bigger is not one Retort should parse. */
export const MAX_REVISION_FILE_BYTES = 4 * 1024 * 1024;

/** `stats`: the open file's, taken before reading (what the header cache records). */
type FileText = { ok: true; text: string; stats: Stats | null } | { ok: false; problem: Problem };

/**
 * One revision file's text, refused with one problem when it is too big or not text. Synchronous:
 * thousands of promise round trips cost several times what the reads do (~370 ms vs ~60 ms for 5,000).
 */
function readRevisionText(entry: FileEntry): FileText {
  const refuse = (message: string, fix: string): FileText => ({ ok: false, problem: { kind: "unreadable", path: entry.rel, message, fix } });
  let fd: number;
  try {
    fd = openSync(entry.file, "r");
  } catch (error) {
    return refuse(`${entry.rel} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`, "Check the file's permissions.");
  }
  try {
    const stats = fstatSync(fd);
    const size = stats.size;
    if (size > MAX_REVISION_FILE_BYTES) {
      return refuse(`${entry.rel} is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_REVISION_FILE_BYTES / 1024 / 1024} MB limit for a revision file; Retort did not read it`,
        "Move data out of the revision file (load it from a separate file in upgrade()).");
    }
    const bytes = readOpenFile(fd, size);
    if (bytes.includes(0)) {
      return refuse(`${entry.rel} contains NUL bytes: it is binary, not Python or SQL source (Python refuses it too: "source code cannot contain null bytes")`,
        "Remove the file from the versions directory.");
    }
    return { ok: true, text: decodeSource(bytes), stats };
  } finally {
    closeSync(fd);
  }
}

/** One buffer for every read of a load: a file's bytes are decoded into a string before the next is read. */
let readBuffer = Buffer.allocUnsafe(64 * 1024);

/**
 * The whole file, into readBuffer (a view of it, valid until the next read): readFileSync would
 * fstat the file again and allocate a buffer per file. Reads to the end, even past `size` (a file
 * that grew since its fstat).
 */
function readOpenFile(fd: number, size: number): Buffer {
  if (readBuffer.length <= size) readBuffer = Buffer.allocUnsafe(size + 1);
  let length = 0;
  for (;;) {
    if (length === readBuffer.length) {
      const larger = Buffer.allocUnsafe(readBuffer.length * 2);
      readBuffer.copy(larger, 0, 0, length);
      readBuffer = larger;
    }
    const wanted = readBuffer.length - length;
    const read = readSync(fd, readBuffer, length, wanted, null);
    length += read;
    // A short read of a regular file is its end: no second call to be told so.
    if (read < wanted) return readBuffer.subarray(0, length);
  }
}

/** A UTF-8 byte order mark, which Python (and TextDecoder) drop before the source. */
const hasBom = (bytes: Buffer) => bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/**
 * UTF-8 (Python's default source encoding); a PEP 263 latin-1 cookie is honoured (as ISO-8859-1,
 * which Python's latin-1 is; TextDecoder's "latin1" is windows-1252), else bad bytes become U+FFFD.
 * buffer.isUtf8 and toString are native, and cheaper per file than a fatal TextDecoder's throw path.
 */
function decodeSource(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString("utf8", hasBom(bytes) ? 3 : 0);
  const head = bytes.subarray(0, 200).toString("latin1").split("\n").slice(0, 2).join("\n");
  if (/coding[=:]\s*(latin-1|iso-8859-1|latin1)/i.test(head)) return bytes.toString("latin1");
  return bytes.toString("utf8");
}

/** A provably unchanged file's cached result, else the file's text (read once either way). */
function readOrReuse(entry: FileEntry, cache: HeaderCache | null): { read: FileText; cached: ParseResult | null } {
  let read: FileText | undefined;
  const cached = cache?.lookup(entry.rel, entry.file, () => {
    read = readRevisionText(entry);
    return read.ok ? read.text : null;
  }) ?? null;
  if (cached) return { read: { ok: true, text: "", stats: null }, cached };
  return { read: read ?? readRevisionText(entry), cached: null };
}

export async function loadMigrationDirectory(options: LoadOptions): Promise<MigrationDirectory> {
  const layout = await resolveLayout(options);
  const problems = [...layout.problems];
  const entries = await collectFiles(layout, problems);
  const sources: RevisionSource[] = [];
  const formats = new Set<MigrationFormat>();
  const imports: Record<string, string[]> = {};
  let parse: RevisionParser | null = null;
  const cache = options.cache
    ? openHeaderCache(options.cache, JSON.stringify([layout.root, layout.versionDirectories, layout.importRoots, layout.recursive]))
    : null;
  for (const entry of entries) {
    if (entry.kind === "sourceless") {
      problems.push({ kind: "unreadable", path: entry.rel,
        message: `${entry.rel} is compiled Python (sourceless mode); Retort reads revision files statically and cannot read bytecode`,
        fix: "Keep the .py sources beside the compiled files, or turn sourceless off." });
      continue;
    }
    const { read, cached } = readOrReuse(entry, cache);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    let result = cached;
    if (!result) {
      parse ??= (await import("./revision-parser")).createRevisionParser(layout.importRoots);
      result = parse(entry, read.text);
      cache?.record(entry.rel, entry.file, read.text, result, read.stats);
    }
    problems.push(...result.problems);
    if (result.reads) imports[entry.rel] = result.reads;
    if (result.revision) {
      sources.push(result.revision);
      formats.add(result.revision.format);
    }
  }
  cache?.save();
  if (formats.size > 1) {
    problems.push({ kind: "mixed-formats",
      message: "The versions directory mixes Alembic Python files and native SQL files",
      fix: "Keep one format per project: move the SQL revisions into a separate project." });
  }
  if (entries.length === 0 && layout.versionDirectories.length > 0) problems.push(await noRevisions(layout));
  const format = formats.size === 1 ? [...formats][0]! : layout.alembicIni ? "alembic" : null;
  return { format, sources, problems: capProblems(problems), versionDirectories: layout.versionDirectories, root: layout.root,
    alembicIni: layout.alembicIni, fileTemplate: layout.fileTemplate, truncateSlugLength: layout.truncateSlugLength,
    scriptLocation: layout.scriptLocation, revisionEnvironment: layout.revisionEnvironment, imports, importedModules: [...new Set(Object.values(imports).flat())] };
}

/** An empty answer would look like "no migrations yet": say where Retort looked instead. */
async function noRevisions(layout: Layout): Promise<Problem> {
  const looked = layout.versionDirectories.join(", ");
  const subfolders = layout.recursive ? [] : await revisionSubfolders(layout);
  const hint = subfolders.length > 0
    ? `; revision files are in ${subfolders.join(", ")}, which Retort (like Alembic) does not search without recursive_version_locations = true`
    : "";
  return {
    kind: "no-revisions",
    message: `No revision files (*.py or *.sql) found: Retort looked in ${looked}${layout.recursive ? " and its subfolders" : ""}${hint}`,
    fix: subfolders.length > 0
      ? `Set recursive_version_locations = true in alembic.ini, or point --dir at ${subfolders[0]}.`
      : "Point --dir (or the project's dir / alembicIni) at the folder holding the revision files, or create the first one with retort revision -m MESSAGE.",
  };
}
