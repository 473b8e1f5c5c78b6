// The CLI's view of retort.config.json: which project a command is about, and `--env NAME`.
import { databaseOf, loadConfig, type ProjectConfig, type RetortConfig } from "../server/config";
import { type ParsedArgs, stringFlag } from "./args";
import type { VersionTarget } from "./version-target";
import { CliError } from "./output";

function configOrFail(args: ParsedArgs): RetortConfig {
  const result = loadConfig({ path: stringFlag(args, "config") });
  if (result.ok) return result.config;
  const details = result.errors.map((e) => `  ${e.path}: ${e.message}`).join("\n");
  if (result.missing) {
    throw new CliError("config", `${result.errors[0]?.message ?? "No configuration file"}\nOr name the migration directory with --dir DIR.`, 2);
  }
  throw new CliError("config", `Invalid configuration ${result.file}:\n${details}`);
}

export async function findConfiguredProject(args: ParsedArgs): Promise<ProjectConfig> {
  const config = configOrFail(args);
  const envName = stringFlag(args, "env");
  const wanted = stringFlag(args, "project") ?? (envName ? config.environments.find((e) => e.name === envName)?.project : undefined);
  if (wanted !== undefined) {
    const project = config.projects.find((p) => p.name === wanted);
    if (!project) throw new CliError("unknown-project", `No project named '${wanted}' in ${config.file ?? "the configuration"}`);
    return project;
  }
  if (config.projects.length === 1) return config.projects[0]!;
  const names = config.projects.map((p) => p.name).join(", ");
  throw new CliError("usage", `Several projects are configured (${names}); choose one with --project NAME or --dir DIR`, 2);
}

export function findConfiguredEnvironment(args: ParsedArgs, name: string): VersionTarget {
  const config = configOrFail(args);
  const env = config.environments.find((e) => e.name === name);
  if (!env) {
    const names = config.environments.map((e) => e.name).join(", ") || "none";
    throw new CliError("unknown-environment", `No environment named '${name}' (configured: ${names})`);
  }
  if (env.unavailable) throw new CliError("config", `Environment ${env.name} cannot be used: ${env.unavailable}`);
  return { kind: "database", url: databaseOf(env), table: env.versionTable, schema: env.versionSchema, name: env.name, protection: env.protection, environment: env };
}
