import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { readAlembicIni } from "../core/read/alembic-config";
import { safeText } from "./config-messages";
import { parseDatabaseUrl, type DatabaseUrl } from "./db/url";

// Where an environment's database URL comes from: its `url` (with `${VAR}` from the server's
// environment), else its Alembic project's `sqlalchemy.url`. A URL that cannot be used makes
// that one environment unavailable, with a reason that names the variable or the problem and
// never the URL; the rest of the configuration keeps working.

export type UrlResolution = { ok: true; raw: string; url: DatabaseUrl } | { ok: false; reason: string };

export type VariableSource = Readonly<Record<string, string | undefined>>;

const VARIABLE = /\$\{([^}]*)\}/g;

export function resolveEnvironmentUrl(args: {
  template: string | undefined;
  env: VariableSource;
  /** The config file's directory: a relative SQLite path in `url` is relative to it. */
  baseDir: string;
  /** The environment's project, when it is given by an alembic.ini. */
  alembicIni?: string;
  /** Where that project's Alembic runs: a relative SQLite path in the ini is relative to it. */
  alembicCwd?: string;
}): UrlResolution {
  if (args.template === undefined) return fromIni(args.alembicIni, args.alembicCwd);
  const substituted = substitute(args.template, args.env);
  if (!substituted.ok) return substituted;
  const parsed = parseDatabaseUrl(substituted.value, { baseDir: args.baseDir });
  if (!parsed.ok) {
    const where = substituted.value === args.template ? "the url" : `the url (after substituting ${variablesIn(args.template)})`;
    return { ok: false, reason: `${where} ${parsed.message}` };
  }
  return { ok: true, raw: substituted.value, url: parsed.url };
}

function substitute(template: string, env: VariableSource): { ok: true; value: string } | { ok: false; reason: string } {
  const missing: string[] = [];
  const invalid: string[] = [];
  const value = template.replace(VARIABLE, (_match, variable: string) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) invalid.push(variable);
    else if (env[variable] === undefined || env[variable] === "") missing.push(variable);
    return env[variable] ?? "";
  });
  if (invalid.length > 0) return { ok: false, reason: `"\${${safeText(invalid[0]!)}}" is not a valid environment variable name` };
  if (missing.length > 0) {
    return { ok: false, reason: `environment variable${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} not set` };
  }
  return { ok: true, value };
}

function fromIni(alembicIni: string | undefined, cwd: string | undefined): UrlResolution {
  if (!alembicIni) return { ok: false, reason: "no url is configured" };
  let text: string;
  try {
    text = readFileSync(/*turbopackIgnore: true*/ alembicIni, "utf8");
  } catch (error) {
    return { ok: false, reason: `no url is configured and ${path.basename(alembicIni)} cannot be read (${(error as NodeJS.ErrnoException).code ?? "read error"})` };
  }
  const ini = readAlembicIni(text, path.dirname(alembicIni), cwd ?? path.dirname(alembicIni));
  if (!ini.sqlalchemyUrl) return { ok: false, reason: `no url is configured and ${path.basename(alembicIni)} sets no sqlalchemy.url` };
  const parsed = parseDatabaseUrl(ini.sqlalchemyUrl, { baseDir: cwd ?? path.dirname(alembicIni) });
  if (!parsed.ok) return { ok: false, reason: `sqlalchemy.url in ${path.basename(alembicIni)} ${parsed.message}` };
  return { ok: true, raw: ini.sqlalchemyUrl, url: parsed.url };
}

function variablesIn(template: string): string {
  return [...template.matchAll(VARIABLE)].map((m) => `\${${m[1]}}`).join(", ");
}
