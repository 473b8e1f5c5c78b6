import "server-only";
import { existsSync } from "node:fs";
import { mkdir, readFile, realpath, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MergePlan } from "../core/render/plan-merge";
import { renderAlembicRevision, renderSqlRevision, renderTemplateRevision, type CreateDateParts, type RevisionFileFields } from "../core/render/render-revision";
import type { RevisionMap } from "../core/graph/revision-map";
import { renderFileName, slugify } from "../core/files/slug";
import type { MigrationDirectory } from "./migration-dir";

/** Python's str(datetime.now()): local naive time with microseconds, as Alembic writes it. */
export function pythonCreateDate(now: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}.${pad(now.getMilliseconds() * 1000, 6)}`;
  return `${date} ${time}`;
}

function dateParts(now: Date): CreateDateParts {
  return { text: pythonCreateDate(now), year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate(), hour: now.getHours(), minute: now.getMinutes(), second: now.getSeconds() };
}

/** Alembic puts a new revision beside its first parent's file; a new base goes to the first location. */
function targetDirectory(directory: MigrationDirectory, map: RevisionMap, parents: string[], versionPath?: string): string {
  if (versionPath) {
    const wanted = path.resolve(versionPath);
    if (!directory.versionDirectories.some((dir) => path.resolve(dir) === wanted)) {
      throw new RevisionFileError("bad-version-path", `Path ${versionPath} is not represented in current version locations`);
    }
    return wanted;
  }
  const first = parents[0] ? map.get(parents[0]) : undefined;
  if (first) return path.dirname(path.resolve(directory.root, first.path));
  if (directory.versionDirectories.length > 1) throw new RevisionFileError("version-path", "Multiple version locations present, please specify --version-path");
  const dir = directory.versionDirectories[0];
  if (!dir) throw new RevisionFileError("no-version-directory", "The project has no version directory to write into");
  return dir;
}

export class RevisionFileError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export interface WrittenRevision {
  revision: string;
  /** Absolute path of the new file. */
  path: string;
  /** Path relative to the project root. */
  relativePath: string;
  /** How the text was made: the project's script.py.mako, or Retort's copy of Alembic's template. */
  template: "script.py.mako" | "default" | "sql";
}

/** The nearest existing ancestor's real path: a symlinked folder in file_template must not lead outside. */
async function realAncestor(dir: string): Promise<string> {
  let current = dir;
  for (;;) {
    const real = await realpath(current).catch(() => null);
    if (real) return path.join(real, path.relative(current, dir));
    const parent = path.dirname(current);
    if (parent === current) return dir;
    current = parent;
  }
}

async function assertInside(file: string, directory: MigrationDirectory, dir: string): Promise<void> {
  const roots = await Promise.all([directory.root, dir, ...directory.versionDirectories].map((p) => realpath(p).catch(() => path.resolve(p))));
  const real = await realAncestor(path.dirname(file));
  if (!roots.some((root) => real === root || real.startsWith(root + path.sep))) {
    throw new RevisionFileError("outside-project", `Refusing to write ${path.basename(file)}: ${path.dirname(file)} resolves to ${real}, outside the project`);
  }
}

async function renderText(directory: MigrationDirectory, fields: RevisionFileFields, now: Date): Promise<{ text: string; template: WrittenRevision["template"] }> {
  if (directory.format === "sql") return { text: renderSqlRevision(fields), template: "sql" };
  const templateFile = directory.scriptLocation ? path.join(directory.scriptLocation, "script.py.mako") : null;
  if (!templateFile || !existsSync(templateFile)) return { text: renderAlembicRevision({ ...fields, style: "modern" }), template: "default" };
  const rendered = renderTemplateRevision(await readFile(templateFile, "utf8"), fields, dateParts(now));
  if (!rendered.ok) throw new RevisionFileError("template", `${rendered.message}; write this revision with alembic revision instead`);
  return { text: rendered.text, template: "script.py.mako" };
}

/** Writes a new revision file named by the project's file_template, refusing to overwrite or leave the project. */
export async function writeRevisionFile(options: {
  directory: MigrationDirectory;
  map: RevisionMap;
  fields: RevisionFileFields;
  versionPath?: string;
  now?: Date;
}): Promise<WrittenRevision> {
  const { directory, map, fields } = options;
  const now = options.now ?? new Date();
  const { text, template } = await renderText(directory, fields, now);
  const slug = slugify(fields.message ?? "", directory.truncateSlugLength);
  const name = `${renderFileName(directory.fileTemplate, { rev: fields.revision, slug, date: now })}${directory.format === "sql" ? ".sql" : ".py"}`;
  const dir = targetDirectory(directory, map, fields.downRevisions, options.versionPath);
  const file = path.resolve(dir, name);
  // The name comes from a template and a slug of word characters; still, never write outside.
  if (!file.startsWith(path.resolve(directory.root) + path.sep) && !file.startsWith(dir + path.sep)) {
    throw new RevisionFileError("outside-project", `Refusing to write ${name}: it resolves outside the migration directory`);
  }
  await assertInside(file, directory, dir);
  await mkdir(path.dirname(file), { recursive: true });
  await assertInside(file, directory, dir);
  // "wx": never overwrite, and never write through a (dangling) symlink at the file's name.
  await writeFile(file, text, { flag: "wx" });
  return { revision: fields.revision, path: file, relativePath: path.relative(directory.root, file).split(path.sep).join("/"), template };
}

export async function writeMergeRevision(options: { directory: MigrationDirectory; map: RevisionMap; plan: MergePlan; now?: Date }): Promise<WrittenRevision> {
  const { plan } = options;
  const fields = { revision: plan.revision, downRevisions: plan.downRevisions, message: plan.message, branchLabels: plan.branchLabels, dependsOn: [], createDate: pythonCreateDate(options.now ?? new Date()) };
  return writeRevisionFile({ directory: options.directory, map: options.map, fields, now: options.now });
}
