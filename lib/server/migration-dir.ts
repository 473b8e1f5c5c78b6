import "server-only";
import { readFileSync } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { readAlembicIni } from "../core/alembic-config";
import { parsePythonRevision } from "../core/parse-python";
import { parseSqlRevision } from "../core/parse-sql";
import { classifyRevisionFile } from "../core/revision-file";
import type { MigrationFormat, Problem, RevisionSource } from "../core/types";

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
}

export interface LoadOptions {
  /** A version directory, an Alembic script_location, or a directory holding alembic.ini. */
  dir?: string;
  alembicIni?: string;
  /** Base for relative paths (Alembic resolves script_location against the cwd). */
  cwd?: string;
}

interface Layout {
  root: string;
  versionDirectories: string[];
  recursive: boolean;
  sourceless: boolean;
  alembicIni: string | null;
  fileTemplate: string;
  truncateSlugLength: number;
  problems: Problem[];
}

const DEFAULT_TEMPLATE = "%(rev)s_%(slug)s";

async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isDirectory(), () => false);
}

async function isFile(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isFile(), () => false);
}

async function layoutFromIni(iniPath: string, cwd: string): Promise<Layout> {
  const text = await readFile(iniPath, "utf8");
  const ini = readAlembicIni(text, path.dirname(iniPath), cwd);
  const relIni = path.basename(iniPath);
  const problems = ini.problems.map((p) => ({ ...p, path: p.path ?? relIni }));
  return {
    root: path.dirname(iniPath),
    versionDirectories: ini.versionLocations,
    recursive: ini.recursiveVersionLocations,
    sourceless: ini.sourceless,
    alembicIni: iniPath,
    fileTemplate: ini.fileTemplate,
    truncateSlugLength: ini.truncateSlugLength,
    problems,
  };
}

/** Decide what a `dir` names: a project with alembic.ini, a script_location, or a versions dir. */
async function resolveLayout(options: LoadOptions): Promise<Layout> {
  const cwd = options.cwd ?? process.cwd();
  if (options.alembicIni) return layoutFromIni(path.resolve(cwd, options.alembicIni), cwd);
  const dir = path.resolve(cwd, options.dir ?? ".");
  if (!(await isDirectory(dir))) {
    const problem: Problem = {
      kind: "unreadable",
      message: `Migration directory ${options.dir ?? dir} does not exist or is not a directory`,
      fix: "Check the project's `dir` in retort.config.json or the --dir argument.",
    };
    return { root: dir, versionDirectories: [], recursive: false, sourceless: false, alembicIni: null,
      fileTemplate: DEFAULT_TEMPLATE, truncateSlugLength: 40, problems: [problem] };
  }
  if (await isFile(path.join(dir, "alembic.ini"))) return layoutFromIni(path.join(dir, "alembic.ini"), dir);
  const isScriptLocation = (await isFile(path.join(dir, "env.py"))) && (await isDirectory(path.join(dir, "versions")));
  return {
    root: dir,
    versionDirectories: [isScriptLocation ? path.join(dir, "versions") : dir],
    recursive: false,
    sourceless: false,
    alembicIni: null,
    fileTemplate: DEFAULT_TEMPLATE,
    truncateSlugLength: 40,
    problems: [],
  };
}

/** One directory's file names, sorted. */
interface DirectoryFiles {
  dir: string;
  names: string[];
}

/** Files of one version directory in Alembic's order: sorted names, then sorted subdirectories. */
async function listVersionFiles(dir: string, recursive: boolean): Promise<DirectoryFiles[]> {
  const found: DirectoryFiles[] = [];
  const queue = [dir];
  // Alembic walks top-down (os.walk) with names sorted; an explicit stack keeps that order.
  while (queue.length > 0) {
    const current = queue.shift()!;
    const entries = await readdir(current, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => compareCodePoints(a.name, b.name));
    const subdirs: string[] = [];
    const names: string[] = [];
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (recursive && !entry.name.endsWith("__pycache__")) subdirs.push(path.join(current, entry.name));
      } else {
        names.push(entry.name);
      }
    }
    found.push({ dir: current, names });
    queue.unshift(...subdirs);
  }
  return found;
}

/** Python sorts str by code point; JS's default sort compares UTF-16 units. */
export function compareCodePoints(a: string, b: string): number {
  // UTF-16 order equals code-point order unless astral characters are involved.
  if (!/[\uD800-\uDFFF]/.test(a + b)) return a < b ? -1 : a > b ? 1 : 0;
  const ai = [...a];
  const bi = [...b];
  const n = Math.min(ai.length, bi.length);
  for (let i = 0; i < n; i++) {
    const d = ai[i]!.codePointAt(0)! - bi[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ai.length - bi.length;
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

interface FileEntry {
  file: string;
  rel: string;
  kind: "python" | "sql" | "sourceless";
}

/**
 * What path.join(dir, name) gives for a plain file name (no separator, not "." or ".."), minus the
 * name: paths for thousands of files are then one concatenation each instead of a normalisation.
 */
function joinPrefix(...dirs: string[]): string {
  return path.join(...dirs, "x").slice(0, -1);
}

/** Every candidate file in load order; a file reached twice through overlapping locations is skipped. */
async function collectFiles(layout: Layout, problems: Problem[]): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  const seen = new Set<string>();
  for (const versionDir of layout.versionDirectories) {
    // Overlap comes from version_locations naming the same directory twice: resolve directories once.
    const realDir = await realpath(versionDir).catch(() => versionDir);
    for (const { dir, names } of await listVersionFiles(versionDir, layout.recursive)) {
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

export async function loadMigrationDirectory(options: LoadOptions): Promise<MigrationDirectory> {
  const layout = await resolveLayout(options);
  const problems = [...layout.problems];
  const entries = await collectFiles(layout, problems);
  const sources: RevisionSource[] = [];
  const formats = new Set<MigrationFormat>();
  for (const entry of entries) {
    if (entry.kind === "sourceless") {
      problems.push({ kind: "unreadable", path: entry.rel,
        message: `${entry.rel} is compiled Python (sourceless mode); Retort reads revision files statically and cannot read bytecode`,
        fix: "Keep the .py sources beside the compiled files, or turn sourceless off." });
      continue;
    }
    // Synchronous reads: thousands of promise round trips through the thread pool cost several times
    // what the reads do (measured: ~370 ms vs ~60 ms for 5,000). Each text is parsed as soon as it is
    // read, so it dies young instead of surviving garbage collections beside all the others.
    const text = readFileSync(entry.file, "utf8");
    const result = entry.kind === "python" ? parsePythonRevision(entry.rel, text) : parseSqlRevision(entry.rel, text);
    problems.push(...result.problems);
    if (result.revision) {
      sources.push(result.revision);
      formats.add(result.revision.format);
    }
  }
  if (formats.size > 1) {
    problems.push({ kind: "mixed-formats",
      message: "The versions directory mixes Alembic Python files and native SQL files",
      fix: "Keep one format per project: move the SQL revisions into a separate project." });
  }
  const format = formats.size === 1 ? [...formats][0]! : layout.alembicIni ? "alembic" : null;
  return { format, sources, problems, versionDirectories: layout.versionDirectories, root: layout.root,
    alembicIni: layout.alembicIni, fileTemplate: layout.fileTemplate, truncateSlugLength: layout.truncateSlugLength };
}
