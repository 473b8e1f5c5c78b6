import "server-only";
import { type Dirent, readdirSync, realpathSync } from "node:fs";
import path from "node:path";
import { classifyRevisionFile } from "../core/files/revision-file";
import type { Problem } from "../core/types";
import type { Layout } from "./migration-layout";
import { statOrNull } from "./stat-or-null";

// The candidate revision files of a project in Alembic's load order. Symlinks are followed only
// when they stay inside the project (its root or a version directory): a dangling link or one
// pointing elsewhere is reported and skipped, never read. The file system calls are synchronous:
// a listing is a few calls, and a promise each costs a thread-pool round trip.

export interface FileEntry {
  file: string;
  rel: string;
  kind: "python" | "sql" | "sourceless";
}

interface DirectoryFiles {
  dir: string;
  names: string[];
}

/** Python sorts str by code point; JS's default sort compares UTF-16 units. */
export function compareCodePoints(a: string, b: string): number {
  // UTF-16 order equals code-point order unless astral characters are involved.
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return compareUnits(a, b);
  const ai = [...a];
  const bi = [...b];
  const n = Math.min(ai.length, bi.length);
  for (let i = 0; i < n; i++) {
    const d = ai[i]!.codePointAt(0)! - bi[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ai.length - bi.length;
}

const SURROGATE = /[\uD800-\uDFFF]/;
const compareUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Names in Python's order. Checked once for astral characters rather than in every comparison: a
 * directory of 5,000 names is ~60,000 comparisons.
 */
function sortByCodePoints(entries: Dirent[]): void {
  const astral = entries.some((entry) => SURROGATE.test(entry.name));
  entries.sort(astral ? (a, b) => compareCodePoints(a.name, b.name) : (a, b) => compareUnits(a.name, b.name));
}

export function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

/** `fn()`, or `fallback` when it throws (a missing or unreadable path). */
function attempt<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

const realpath = (p: string): string | null => attempt(() => realpathSync(p), null);
const readdir = (dir: string): Dirent[] => attempt(() => readdirSync(dir, { withFileTypes: true }), []);

/** Real paths a symlink may point into. */
export async function allowedRoots(layout: Layout): Promise<string[]> {
  const roots = [layout.root, ...layout.versionDirectories];
  return roots.map((root) => realpath(root) ?? path.resolve(root));
}

export function isInside(file: string, roots: string[]): boolean {
  return roots.some((root) => file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}

type EntryKind = "file" | "dir" | "skip";

/** What a symbolic link is once judged; problems say why a link was skipped. */
async function linkKind(entry: Dirent, full: string, roots: string[], rel: string, problems: Problem[]): Promise<EntryKind> {
  const target = realpath(full);
  if (target === null) {
    if (classifyRevisionFile(entry.name) !== null) {
      problems.push({ kind: "unreadable", severity: "warning", path: rel, message: `${rel} is a symbolic link to a file that does not exist; it was skipped`,
        fix: "Remove the dangling link, or restore the file it points to." });
    }
    return "skip";
  }
  if (!isInside(target, roots)) {
    problems.push({ kind: "outside-project", path: rel, message: `${rel} is a symbolic link to ${target}, outside the project; Retort does not follow it`,
      fix: "Copy the file into the versions directory, or add its directory to version_locations." });
    return "skip";
  }
  const info = statOrNull(target);
  return info?.isDirectory() ? "dir" : info?.isFile() ? "file" : "skip";
}

/** Files of one version directory in Alembic's order: sorted names, then sorted subdirectories. */
async function listVersionFiles(dir: string, layout: Layout, roots: string[], problems: Problem[]): Promise<DirectoryFiles[]> {
  const found: DirectoryFiles[] = [];
  const queue = [dir];
  const visited = new Set<string>();
  // Alembic walks top-down (os.walk) with names sorted; an explicit queue keeps that order.
  while (queue.length > 0) {
    const current = queue.shift()!;
    const real = realpath(current) ?? current;
    if (visited.has(real)) continue;
    visited.add(real);
    const entries = readdir(current);
    sortByCodePoints(entries);
    const subdirs: string[] = [];
    const names: string[] = [];
    for (const entry of entries) {
      // Plain files (nearly every entry) need neither a full path nor an await.
      if (entry.isFile()) {
        names.push(entry.name);
        continue;
      }
      const full = path.join(current, entry.name);
      const kind = entry.isSymbolicLink()
        ? await linkKind(entry, full, roots, toPosix(path.relative(layout.root, full)), problems)
        : entry.isDirectory() ? "dir" : "skip";
      if (kind === "dir" && layout.recursive && !entry.name.endsWith("__pycache__")) subdirs.push(full);
      else if (kind === "file") names.push(entry.name);
    }
    found.push({ dir: current, names });
    queue.unshift(...subdirs);
  }
  return found;
}

/**
 * What path.join(dir, name) gives for a plain file name (no separator, not "." or ".."), minus the
 * name: paths for thousands of files are then one concatenation each instead of a normalisation.
 */
function joinPrefix(...dirs: string[]): string {
  return path.join(...dirs, "x").slice(0, -1);
}

/** Every candidate file in load order; a file reached twice through overlapping locations is skipped. */
export async function collectFiles(layout: Layout, problems: Problem[]): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  const seen = new Set<string>();
  const roots = await allowedRoots(layout);
  for (const versionDir of layout.versionDirectories) {
    // Overlap comes from version_locations naming the same directory twice: resolve directories once.
    const realDir = realpath(versionDir) ?? versionDir;
    for (const { dir, names } of await listVersionFiles(versionDir, layout, roots, problems)) {
      const filePrefix = joinPrefix(dir);
      const relDir = toPosix(path.relative(layout.root, dir));
      const relPrefix = relDir === "" ? "" : relDir + "/";
      const realPrefix = joinPrefix(realDir, path.relative(versionDir, dir));
      for (const name of names) {
        const kind = classifyRevisionFile(name, { sourceless: layout.sourceless });
        if (kind === null) continue;
        const rel = relPrefix + name;
        const real = realPrefix + name;
        if (seen.has(real)) {
          problems.push({ kind: "duplicate-file", severity: "warning", path: rel,
            message: `File ${real} loaded twice! ignoring. Please ensure version_locations is unique.`,
            fix: "Remove the overlapping entry from version_locations." });
          continue;
        }
        seen.add(real);
        entries.push({ file: filePrefix + name, rel, kind });
      }
    }
  }
  return entries;
}

/** Subfolders holding revision-like files that a non-recursive listing skipped (for the "no revisions" message). */
export async function revisionSubfolders(layout: Layout): Promise<string[]> {
  const found: string[] = [];
  const queue = [...layout.versionDirectories];
  for (let visits = 0; queue.length > 0 && visits < 200 && found.length < 5; visits++) {
    const dir = queue.shift()!;
    const entries = readdir(dir);
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.endsWith("__pycache__")) continue;
      const sub = path.join(dir, entry.name);
      const names = readdir(sub);
      if (names.some((entry) => classifyRevisionFile(entry.name) !== null)) found.push(toPosix(path.relative(layout.root, sub)) || ".");
      queue.push(sub);
    }
  }
  return found;
}
