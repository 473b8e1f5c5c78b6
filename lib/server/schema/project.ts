import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import type { RevisionMap } from "../../core/graph/revision-map";
import { resolveAlembicCommand, resolveIniCommand } from "../actions/alembic-command";
import type { ProjectConfig } from "../config";
import type { MigrationDirectory } from "../migration-dir";
import type { LoadedProject } from "../project-cache";
import type { ReplayProject } from "./replay";

/** What a replay needs from a configured project. */
export function replayProjectOf(loaded: LoadedProject): ReplayProject {
  return replayProjectFrom({ name: loaded.config.name, directory: loaded.directory, map: loaded.map, config: loaded.config });
}

/** The same from a loaded directory (the CLI's --dir has no configured project: alembic runs its alembic.ini). */
export function replayProjectFrom(input: { name: string; directory: MigrationDirectory; map: RevisionMap; config: ProjectConfig | null }): ReplayProject {
  const { directory, config } = input;
  const format = directory.format ?? config?.format ?? "sql";
  const alembic = format !== "alembic" ? null : config ? resolveAlembicCommand(config) : resolveIniCommand(directory.alembicIni);
  return {
    name: input.name,
    format,
    map: input.map,
    sourcesById: new Map(directory.sources.map((s) => [s.revision, s])),
    root: directory.root,
    alembic,
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
