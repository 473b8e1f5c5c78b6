import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MergePlan } from "../core/plan-merge";
import { renderAlembicRevision, renderSqlRevision } from "../core/render-revision";
import type { RevisionMap } from "../core/revision-map";
import { renderFileName, slugify } from "../core/slug";
import type { MigrationDirectory } from "./migration-dir";

/** Python's str(datetime.now()): local naive time with microseconds, as Alembic writes it. */
export function pythonCreateDate(now: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}.${pad(now.getMilliseconds() * 1000, 6)}`;
  return `${date} ${time}`;
}

/** Alembic puts a new revision beside its first parent's file; a new base goes to the first location. */
function targetDirectory(directory: MigrationDirectory, map: RevisionMap, plan: MergePlan): string {
  const first = plan.downRevisions[0] ? map.get(plan.downRevisions[0]) : undefined;
  if (first) return path.dirname(path.resolve(directory.root, first.path));
  const dir = directory.versionDirectories[0];
  if (!dir) throw new Error("The project has no version directory to write into");
  return dir;
}

export interface WrittenRevision {
  revision: string;
  /** Absolute path of the new file. */
  path: string;
  /** Path relative to the project root. */
  relativePath: string;
}

export async function writeMergeRevision(options: {
  directory: MigrationDirectory;
  map: RevisionMap;
  plan: MergePlan;
  now?: Date;
}): Promise<WrittenRevision> {
  const { directory, map, plan } = options;
  const now = options.now ?? new Date();
  const fields = {
    revision: plan.revision,
    downRevisions: plan.downRevisions,
    message: plan.message,
    branchLabels: plan.branchLabels,
    dependsOn: [],
    createDate: pythonCreateDate(now),
  };
  const isSql = directory.format === "sql";
  const text = isSql ? renderSqlRevision(fields) : renderAlembicRevision({ ...fields, style: "modern" });
  const slug = slugify(plan.message, directory.truncateSlugLength);
  const name = `${renderFileName(directory.fileTemplate, { rev: plan.revision, slug, date: now })}${isSql ? ".sql" : ".py"}`;
  const dir = targetDirectory(directory, map, plan);
  const file = path.resolve(dir, name);
  // The name comes from a template and a slug of word characters; still, never write outside.
  if (!file.startsWith(path.resolve(directory.root) + path.sep) && !file.startsWith(dir + path.sep)) {
    throw new Error(`Refusing to write ${name}: it resolves outside the migration directory`);
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text, { flag: "wx" });
  return { revision: plan.revision, path: file, relativePath: path.relative(directory.root, file).split(path.sep).join("/") };
}
