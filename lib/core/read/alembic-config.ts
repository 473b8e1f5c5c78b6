// What Alembic reads from alembic.ini (§9.2), and every problem real Alembic would hit with it.
import type { Problem } from "../types";
import { getOption, parseIni, sectionOptionNames, type IniDocument } from "./ini";
import { isAbsolutePath, joinPath, resolvePath } from "../files/posix-path";
import { fileTemplateProblem } from "../files/slug";

export interface AlembicIniConfig {
  /** Absolute; a relative script_location is resolved against the cwd, as Alembic does. */
  scriptLocation: string | null;
  /** Absolute; defaults to <script_location>/versions. */
  versionLocations: string[];
  recursiveVersionLocations: boolean;
  sourceless: boolean;
  /** The interpolated template (`%%` already unescaped), e.g. "%(rev)s_%(slug)s". */
  fileTemplate: string;
  truncateSlugLength: number;
  timezone: string | null;
  revisionEnvironment: boolean;
  sqlalchemyUrl: string | null;
  /** prepend_sys_path entries, absolute (resolved against the cwd, as sys.path entries are). */
  prependSysPath: string[];
  problems: Problem[];
}

export interface AlembicIniOptions {
  /** Flask-Migrate's layout: its ini has no script_location, because the folder holding it is one. */
  defaultScriptLocation?: string;
}

const DEFAULT_FILE_TEMPLATE = "%(rev)s_%(slug)s";
const SEPARATORS: Record<string, string> = { space: " ", newline: "\n", os: ":", ":": ":", ";": ";" };
const ASBOOL_TRUE = ["true", "yes", "on", "y", "t", "1"];
const ASBOOL_FALSE = ["false", "no", "off", "n", "f", "0"];

export function readAlembicIni(text: string, iniDir: string, cwd: string, section = "alembic", options: AlembicIniOptions = {}): AlembicIniConfig {
  const doc = parseIni(text, { here: iniDir });
  const config: AlembicIniConfig = {
    scriptLocation: null, versionLocations: [], recursiveVersionLocations: false, sourceless: false,
    fileTemplate: DEFAULT_FILE_TEMPLATE, truncateSlugLength: 40, timezone: null, revisionEnvironment: false,
    sqlalchemyUrl: null, prependSysPath: [], problems: [...doc.problems],
  };
  if (!doc.sections.has(section)) {
    config.problems.push(problem(
      `The ini file has no '[${section}]' section (Alembic: "No config file ... found, or file has no '[${section}]' section").`,
      undefined, `Add a [${section}] section with script_location = %(here)s/migrations.`));
    return config;
  }
  // env.py's config.get_section() interpolates every option, so one bad value breaks every command.
  const values = new Map<string, string>();
  for (const name of sectionOptionNames(doc, section)) {
    const result = getOption(doc, section, name);
    if (result.ok) values.set(name, result.value);
    else config.problems.push(result.problem);
  }
  const get = (name: string) => values.get(name) ?? null;
  readScriptLocation(config, doc, section, get, cwd, options.defaultScriptLocation);
  readVersionLocations(config, doc, section, get, cwd);
  config.recursiveVersionLocations = get("recursive_version_locations") === "true";
  config.sourceless = get("sourceless") === "true";
  config.fileTemplate = get("file_template") ?? DEFAULT_FILE_TEMPLATE;
  const templateProblem = fileTemplateProblem(config.fileTemplate);
  if (templateProblem) config.problems.push(problem(templateProblem.message, lineOf(doc, section, "file_template"), templateProblem.fix));
  config.truncateSlugLength = readSlugLength(config, doc, section, get("truncate_slug_length"));
  config.timezone = get("timezone");
  config.revisionEnvironment = readAsBool(config, doc, section, get("revision_environment"));
  config.sqlalchemyUrl = get("sqlalchemy.url");
  config.prependSysPath = readPrependSysPath(get, cwd);
  return config;
}

type Getter = (name: string) => string | null;

function readScriptLocation(config: AlembicIniConfig, doc: IniDocument, section: string, get: Getter, cwd: string, fallback?: string): void {
  const location = get("script_location");
  if (location === null && fallback) {
    config.scriptLocation = fallback;
    return;
  }
  if (location === null) {
    if (lineOf(doc, section, "script_location") === undefined) {
      config.problems.push(problem("No 'script_location' key found in configuration.", undefined,
        `Add script_location = %(here)s/migrations (the directory holding env.py) to [${section}].`));
    }
    return;
  }
  if (isPackageResource(location)) {
    config.problems.push(packageProblem("script_location", location, lineOf(doc, section, "script_location")));
    return;
  }
  config.scriptLocation = resolvePath(cwd, location);
}

function readVersionLocations(config: AlembicIniConfig, doc: IniDocument, section: string, get: Getter, cwd: string): void {
  const listed = get("version_locations");
  if (!listed) {
    if (config.scriptLocation) config.versionLocations = [joinPath(config.scriptLocation, "versions")];
    return;
  }
  const entries = splitLocations(config, doc, section, get, listed);
  if (entries === null) return;
  for (const entry of entries) {
    if (isPackageResource(entry)) config.problems.push(packageProblem("version_locations", entry, lineOf(doc, section, "version_locations")));
    else config.versionLocations.push(resolvePath(cwd, entry));
  }
}

/** path_separator (1.16+), else version_path_separator, else the legacy comma/space split. */
function splitLocations(config: AlembicIniConfig, doc: IniDocument, section: string, get: Getter, listed: string): string[] | null {
  const key = ["path_separator", "version_path_separator"].find((name) => get(name) !== null);
  if (!key) return listed.split(/, *| +/).filter((entry) => entry !== "");
  const value = get(key) ?? "";
  const separator = SEPARATORS[value];
  if (!Object.hasOwn(SEPARATORS, value)) {
    const expected = key === "version_path_separator" ? "'space', 'os', ':', ';'" : "'space', 'newline', 'os', ':', ';'";
    const inlineComment = /\s#/.test(value);
    config.problems.push(problem(`'${value}' is not a valid value for ${key}; expected ${expected}`, lineOf(doc, section, key),
      inlineComment
        ? "Move the comment to its own line: configparser keeps inline comments as part of the value."
        : `Use one of: ${Object.keys(SEPARATORS).join(", ")} (os means ':' on Linux).`));
    return null;
  }
  return listed.split(separator).map((entry) => entry.trim()).filter((entry) => entry !== "");
}

/** ScriptDirectory.from_config: path_separator when set, else 1.8's split on spaces, commas and colons. */
function readPrependSysPath(get: Getter, cwd: string): string[] {
  const listed = get("prepend_sys_path");
  if (!listed) return [];
  const separator = SEPARATORS[get("path_separator") ?? ""];
  const entries = separator ? listed.split(separator).map((e) => e.trim()) : listed.split(/, *| +|:/);
  return entries.filter((entry) => entry !== "").map((entry) => resolvePath(cwd, entry));
}

function readSlugLength(config: AlembicIniConfig, doc: IniDocument, section: string, value: string | null): number {
  if (value === null) return 40;
  if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(value)) {
    config.problems.push(problem(`invalid literal for int() with base 10: '${value}' (truncate_slug_length)`,
      lineOf(doc, section, "truncate_slug_length"), "Write a whole number such as truncate_slug_length = 40."));
    return 40;
  }
  // ScriptDirectory: `truncate_slug_length or 40`, so 0 means the default.
  return Number(value.replace(/_/g, "")) || 40;
}

/** SQLAlchemy's asbool, which `alembic revision`/`merge` apply to revision_environment. */
function readAsBool(config: AlembicIniConfig, doc: IniDocument, section: string, value: string | null): boolean {
  if (value === null) return false;
  const word = value.trim().toLowerCase();
  if (ASBOOL_TRUE.includes(word)) return true;
  if (!ASBOOL_FALSE.includes(word)) {
    config.problems.push(problem(`String is not true/false: '${word}' (revision_environment)`, lineOf(doc, section, "revision_environment"),
      "Write revision_environment = true or false."));
  }
  return false;
}

/** Alembic's coerce_resource_to_filename: `pkg:subdir` when not absolute and containing ':'. */
function isPackageResource(location: string): boolean {
  return !isAbsolutePath(location) && location.includes(":");
}

function packageProblem(key: string, location: string, line: number | undefined): Problem {
  return problem(
    `${key} '${location}' names a Python package resource (package:directory); Retort reads directories only and cannot resolve packages.`,
    line, `Write the directory path instead, e.g. %(here)s/${location.replace(":", "/")}.`);
}

function lineOf(doc: IniDocument, section: string, key: string): number | undefined {
  const option = doc.sections.get(section)?.options.get(key) ?? doc.defaults.get(key);
  return option?.line ?? undefined;
}

function problem(message: string, line: number | undefined, fix: string): Problem {
  return { kind: "ini", message, line, fix };
}

