import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { MigrationFormat } from "../core/types";
import type { Protection } from "../core/view/view-types";
import { describeJsonError, formatPath, issueMessage, safeText } from "./config-messages";
import { configFileSchema, type ConfigFile } from "./config-schema";
import { resolveEnvironmentUrl, type UrlResolution, type VariableSource } from "./config-urls";
import type { DatabaseKind } from "./db/types";
import type { DatabaseUrl } from "./db/url";

export type { VariableSource } from "./config-urls";

/** lock_timeout and its equivalents when the environment sets none: long enough to see it wait, short of a hang. */
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;

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
  /** The backend, or null when the URL cannot be used (see `unavailable`). */
  database: DatabaseKind | null;
  /** Why this environment cannot be used (an unset variable, an unsupported URL); never the URL. */
  unavailable: string | null;
  /** Lock wait limit in ms (0: none). */
  lockTimeoutMs: number;
  /** Statement time limit in ms (0: none). */
  statementTimeoutMs: number;
  /** The stage before this one in the promotion order (same project), if any. */
  after?: string | null;
  /** An upgrade that skips an earlier stage, or failed there last: warned (default) or refused. */
  promotion?: "warn" | "enforce";
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
const databaseUrls = new WeakMap<EnvironmentConfig, UrlResolution>();

function resolutionOf(env: EnvironmentConfig): UrlResolution {
  const resolution = databaseUrls.get(env);
  if (resolution === undefined) throw new Error(`Environment ${env.name} was not produced by loadConfig`);
  return resolution;
}

/** The environment's database, parsed; throws with the (secret-free) reason when it is unavailable. Server-only. */
export function databaseOf(env: EnvironmentConfig): DatabaseUrl {
  const resolution = resolutionOf(env);
  if (!resolution.ok) throw new Error(`${env.name} is unavailable: ${resolution.reason}`);
  return resolution.url;
}

/** The resolved database URL as configured (after `${VAR}`). Server-only. */
export function databaseUrlOf(env: EnvironmentConfig): string {
  const resolution = resolutionOf(env);
  if (!resolution.ok) throw new Error(`${env.name} is unavailable: ${resolution.reason}`);
  return resolution.raw;
}

/** The config path: explicit, else RETORT_CONFIG, else ./retort.config.json. */
export function configFilePath(options: { path?: string } = {}): string {
  return options.path ?? process.env.RETORT_CONFIG ?? "retort.config.json";
}

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
  const errors = checkNames(parsed.data);
  if (errors.length > 0) return { ok: false, errors };
  const projects = parsed.data.projects.map((p) => resolveProject(p, options.baseDir));
  const environments = parsed.data.environments.map((e) => {
    const project = projects.find((p) => p.name === e.project)!;
    const url = resolveEnvironmentUrl({ template: e.url, env, baseDir: options.baseDir, alembicIni: project.alembicIni, alembicCwd: project.baseDir });
    const environment: EnvironmentConfig = {
      name: e.name,
      project: e.project,
      versionTable: e.versionTable,
      versionSchema: e.versionSchema,
      protection: e.protection,
      database: url.ok ? url.url.kind : null,
      unavailable: url.ok ? null : url.reason,
      lockTimeoutMs: e.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
      statementTimeoutMs: e.statementTimeoutMs ?? 0,
      after: e.after ?? null,
      promotion: e.promotion ?? "warn",
    };
    databaseUrls.set(environment, url);
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
    const project = config.projects.find((p) => p.name === e.project);
    if (!project) {
      const known = config.projects.map((p) => `"${p.name}"`).join(", ") || "none";
      errors.push({ path: `environments[${i}].project`, message: `unknown project "${safeText(e.project)}" (configured projects: ${known})` });
    } else if (e.url === undefined && project.alembicIni === undefined) {
      errors.push({ path: `environments[${i}].url`, message: "is required (only projects given by alembicIni can take it from sqlalchemy.url)" });
    }
  });
  return errors;
}
