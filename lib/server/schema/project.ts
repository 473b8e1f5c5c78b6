import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { resolveAlembicCommand } from "../actions/alembic-command";
import type { LoadedProject } from "../project-cache";
import type { ReplayProject } from "./replay";

/** What a replay needs from a configured project. */
export function replayProjectOf(loaded: LoadedProject): ReplayProject {
  const { directory, config } = loaded;
  const format = directory.format ?? config.format ?? "sql";
  return {
    name: config.name,
    format,
    map: loaded.map,
    sourcesById: loaded.sourcesById,
    root: directory.root,
    alembic: format === "alembic" ? resolveAlembicCommand(config) : null,
    extraFiles: format === "alembic" ? alembicFiles(directory.alembicIni, directory.versionDirectories) : [],
  };
}

/** alembic.ini and env.py (beside the first version directory, where Alembic's template puts it). */
function alembicFiles(ini: string | null, versionDirectories: string[]): string[] {
  const files = ini ? [ini] : [];
  const first = versionDirectories[0];
  const env = first ? path.join(path.dirname(first), "env.py") : null;
  if (env && existsSync(env)) files.push(env);
  return files;
}
