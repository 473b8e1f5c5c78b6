// Resolves what a CLI invocation is about: which migration directory, which version table.
import { buildRevisionMap, type RevisionMap } from "../core/graph/revision-map";
import type { ProjectConfig } from "../server/config";
import { parseDatabaseUrl, type DatabaseUrl } from "../server/db/url";
import { loadMigrationDirectory, type MigrationDirectory } from "../server/migration-dir";
import { boolFlag, type ParsedArgs, stringFlag, UsageError } from "./args";
import { headerCacheOptions } from "./cache-dir";
import { CliError } from "./output";
import type { VersionTarget } from "./version-target";

export interface LoadedProject {
  name: string | null;
  directory: MigrationDirectory;
  map: RevisionMap;
  /** The project's alembic command, when configured (Alembic projects). */
  alembicCommand: { command: string[]; cwd: string } | null;
  writable: boolean;
  /** The configured project, when it came from retort.config.json. */
  config: ProjectConfig | null;
}

export async function loadProject(args: ParsedArgs): Promise<LoadedProject> {
  const dir = stringFlag(args, "dir");
  const alembicIni = stringFlag(args, "alembic-ini");
  if (dir !== undefined || alembicIni !== undefined) {
    const directory = await loadMigrationDirectory({ dir, alembicIni, cache: headerCacheOptions(boolFlag(args, "no-cache")) });
    return { name: null, directory, map: buildRevisionMap(directory.sources), alembicCommand: null, writable: true, config: null };
  }
  // retort.config.json (and zod, which validates it) is loaded only when no --dir names the project.
  const { findConfiguredProject } = await import("./config-lookup");
  const project = await findConfiguredProject(args);
  const cache = headerCacheOptions(boolFlag(args, "no-cache"));
  const directory = await loadMigrationDirectory({ dir: project.dir, alembicIni: project.alembicIni, cwd: project.baseDir, cache });
  return {
    name: project.name,
    directory,
    map: buildRevisionMap(directory.sources),
    alembicCommand: project.alembic,
    writable: project.writable,
    config: project,
  };
}

/** `--from a,b` stands for a version table holding those rows; an empty string is an empty table. */
export function parseFromRows(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export async function resolveVersionTarget(args: ParsedArgs, options: { required: boolean }): Promise<VersionTarget> {
  const from = stringFlag(args, "from");
  const url = stringFlag(args, "url");
  const env = stringFlag(args, "env");
  const given = [from !== undefined, url !== undefined, env !== undefined].filter(Boolean).length;
  if (given > 1) throw new UsageError("Use only one of --from, --url and --env");
  if (from !== undefined) return { kind: "from", rows: parseFromRows(from) };
  const table = stringFlag(args, "table") ?? "alembic_version";
  const schema = stringFlag(args, "schema") ?? null;
  if (url !== undefined) return { kind: "database", url: cliUrl(url, "--url"), table, schema, name: "--url" };
  if (env !== undefined) return (await import("./config-lookup")).findConfiguredEnvironment(args, env);
  const fromEnvironment = process.env.DATABASE_URL;
  if (fromEnvironment) return { kind: "database", url: cliUrl(fromEnvironment, "DATABASE_URL"), table, schema, name: "DATABASE_URL" };
  if (options.required) {
    throw new CliError("usage", "Name a database with --url URL, --env NAME or DATABASE_URL, or plan against --from REV[,REV]", 2);
  }
  return { kind: "none" };
}

/** A URL typed on the command line; a relative SQLite path is relative to the current directory, as SQLAlchemy has it. */
function cliUrl(text: string, name: string): DatabaseUrl {
  const parsed = parseDatabaseUrl(text, { baseDir: process.cwd() });
  if (!parsed.ok) throw new CliError("invalid-url", `${name}: ${parsed.message}`);
  return parsed.url;
}
