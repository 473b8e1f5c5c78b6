import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { MigrationFormat } from "../core/types";
import type { Protection } from "../core/view-types";
import { describeJsonError, formatPath, issueMessage, safeText } from "./config-messages";
import { configFileSchema, type ConfigFile } from "./config-schema";

// retort.config.json: read on demand (never at import time), validated with zod, `${VAR}`
// substituted from the environment. Resolved URLs are kept out of every returned object.

export interface ProjectConfig {
  name: string;
  /** Absolute migration directory, when configured with `dir`. */
  dir?: string;
  /** Absolute alembic.ini, when configured with `alembicIni`. */
  alembicIni?: string;
  /** Base for relative paths inside the project: pass as `cwd` to loadMigrationDirectory. */
  baseDir: string;
  /** How to run real Alembic for this project (absolute cwd). */
  alembic: { command: string[]; cwd: string; env?: string[] } | null;
  writable: boolean;
  format: MigrationFormat | null;
  /** The repository browser's address for revision files ({ref}/{path} template or base). */
  repoUrl: string | null;
  repoRef: string | null;
}

export interface EnvironmentConfig {
  name: string;
  project: string;
  versionTable: string;
  versionSchema: string | null;
  protection: Protection;
}

export interface RetortConfig {
  /** Absolute path of the file read (null when built from an object). */
  file: string | null;
  projects: ProjectConfig[];
  environments: EnvironmentConfig[];
}

export interface ConfigError {
  /** JSON path of the offending value, e.g. `environments[2].url`; `$` is the whole file. */
  path: string;
  message: string;
}

export type ConfigResult =
  | { ok: true; config: RetortConfig }
  | { ok: false; missing: boolean; file: string; errors: ConfigError[] };

// Database URLs live only here, keyed by the environment object, so spreading or serialising
// an EnvironmentConfig can never carry one to a page, a log line or an error message.
const databaseUrls = new WeakMap<EnvironmentConfig, string>();

/** The resolved database URL of an environment returned by loadConfig. Server-only. */
export function databaseUrlOf(env: EnvironmentConfig): string {
  const url = databaseUrls.get(env);
  if (url === undefined) throw new Error(`Environment ${env.name} was not produced by loadConfig`);
  return url;
}

/** The config path: explicit, else RETORT_CONFIG, else ./retort.config.json. */
export function configFilePath(options: { path?: string } = {}): string {
  return options.path ?? process.env.RETORT_CONFIG ?? "retort.config.json";
}

/** Variables `${VAR}` is read from (process.env by default). */
export type VariableSource = Readonly<Record<string, string | undefined>>;

export function loadConfig(options: { path?: string; env?: VariableSource } = {}): ConfigResult {
  const file = configFilePath(options);
  // The config path is chosen at run time; tell the bundler not to trace the whole project for it.
  const absolute = path.resolve(/*turbopackIgnore: true*/ file);
  let text: string;
  try {
    text = readFileSync(/*turbopackIgnore: true*/ absolute, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    const message = missing
      ? `No configuration file at ${file}. Create one, set RETORT_CONFIG, or run \`npm run demo\`.`
      : `Cannot read the configuration file ${file} (${(error as NodeJS.ErrnoException).code ?? "read error"}).`;
    return { ok: false, missing, file, errors: [{ path: "$", message }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, missing: false, file, errors: [{ path: "$", message: describeJsonError(text, error) }] };
  }
  const result = configFromObject(raw, { baseDir: path.dirname(absolute), env: options.env });
  if (!result.ok) return { ok: false, missing: false, file, errors: result.errors };
  return { ok: true, config: { ...result.config, file: absolute } };
}

/** Validate an already-parsed config object; relative paths resolve against `baseDir`. */
export function configFromObject(
  raw: unknown,
  options: { baseDir: string; env?: VariableSource },
): { ok: true; config: RetortConfig } | { ok: false; errors: ConfigError[] } {
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issueMessage(issue) }));
    return { ok: false, errors };
  }
  const env = options.env ?? process.env;
  const errors = [...checkNames(parsed.data)];
  const urls = parsed.data.environments.map((e, i) => resolveUrl(e.url, `environments[${i}].url`, env, errors));
  if (errors.length > 0) return { ok: false, errors };
  const projects = parsed.data.projects.map((p) => resolveProject(p, options.baseDir));
  const environments = parsed.data.environments.map((e, i) => {
    const environment: EnvironmentConfig = {
      name: e.name,
      project: e.project,
      versionTable: e.versionTable,
      versionSchema: e.versionSchema,
      protection: e.protection,
    };
    databaseUrls.set(environment, urls[i]!);
    return environment;
  });
  return { ok: true, config: { file: null, projects, environments } };
}

function resolveProject(p: ConfigFile["projects"][number], baseDir: string): ProjectConfig {
  const alembic = p.alembic
    ? { command: p.alembic.command, cwd: path.resolve(baseDir, p.alembic.cwd ?? (p.alembicIni ? path.dirname(p.alembicIni) : p.dir ?? ".")),
        ...(p.alembic.env ? { env: p.alembic.env } : {}) }
    : null;
  const alembicIni = p.alembicIni === undefined ? undefined : path.resolve(baseDir, p.alembicIni);
  return {
    name: p.name,
    dir: p.dir === undefined ? undefined : path.resolve(baseDir, p.dir),
    alembicIni,
    // Alembic resolves a relative script_location against the cwd it runs in.
    baseDir: alembic?.cwd ?? (alembicIni ? path.dirname(alembicIni) : baseDir),
    alembic,
    writable: p.writable,
    format: p.format ?? (alembicIni ? "alembic" : null),
    repoUrl: p.repoUrl ?? null,
    repoRef: p.repoRef ?? null,
  };
}

function checkNames(config: ConfigFile): ConfigError[] {
  const errors: ConfigError[] = [];
  const projects = new Map<string, number>();
  config.projects.forEach((p, i) => {
    const key = p.name.toLowerCase();
    const first = projects.get(key);
    if (first !== undefined) {
      errors.push({ path: `projects[${i}].name`, message: `duplicate project name "${p.name}" (already used by projects[${first}])` });
    } else projects.set(key, i);
  });
  const environments = new Map<string, number>();
  config.environments.forEach((e, i) => {
    const key = e.name.toLowerCase();
    const first = environments.get(key);
    if (first !== undefined) {
      errors.push({ path: `environments[${i}].name`, message: `duplicate environment name "${e.name}" (already used by environments[${first}])` });
    } else environments.set(key, i);
    if (!config.projects.some((p) => p.name === e.project)) {
      const known = config.projects.map((p) => `"${p.name}"`).join(", ") || "none";
      errors.push({ path: `environments[${i}].project`, message: `unknown project "${safeText(e.project)}" (configured projects: ${known})` });
    }
  });
  return errors;
}

const VARIABLE = /\$\{([^}]*)\}/g;

/** Substitute `${VAR}`; errors name the variable or the problem, never the URL itself. */
function resolveUrl(template: string, at: string, env: VariableSource, errors: ConfigError[]): string {
  let failed = false;
  const resolved = template.replace(VARIABLE, (_match, variable: string) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
      errors.push({ path: at, message: `"\${${safeText(variable)}}" is not a valid environment variable name` });
      failed = true;
      return "";
    }
    const value = env[variable];
    if (value === undefined || value === "") {
      errors.push({ path: at, message: `environment variable ${variable} is not set` });
      failed = true;
      return "";
    }
    return value;
  });
  if (failed) return "";
  if (!isPostgresUrl(resolved)) {
    const where = template === resolved ? "the url" : `the url (after substituting ${variablesIn(template)})`;
    errors.push({ path: at, message: `${where} is not a postgres:// or postgresql:// URL` });
  }
  return resolved;
}

function variablesIn(template: string): string {
  return [...template.matchAll(VARIABLE)].map((m) => `\${${m[1]}}`).join(", ");
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "postgres:" || url.protocol === "postgresql:";
  } catch {
    return false;
  }
}
