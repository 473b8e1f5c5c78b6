import "server-only";
import { z } from "zod";
import { IDENTIFIER_PATTERN } from "./sql-identifiers";

// The shape of retort.config.json as written on disk (before `${VAR}` substitution and path
// resolution). Cross-field rules (unique names, known projects, variables) live in config.ts.

export const NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/i;
// Version table and schema names use sql-identifiers.ts's rule, checked here so a bad name is
// reported at its JSON path when the config loads rather than at first use.
export { IDENTIFIER_PATTERN };

// A missing key says "is required"; a value of the wrong type gets the specific message.
const typeError = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : message),
});

const name = (what: string) =>
  z
    .string(typeError(`${what} name must be a string`))
    .regex(NAME_PATTERN, {
      error: `${what} name must be 1-63 letters, digits, "_" or "-", starting with a letter or digit`,
    });

const identifier = (what: string) =>
  z
    .string(typeError(`${what} must be a string`))
    .regex(IDENTIFIER_PATTERN, {
      error: `${what} must be a plain SQL identifier (1-63 letters, digits or "_", not starting with a digit)`,
    });

const nonEmptyPath = (what: string) =>
  z.string(typeError(`${what} must be a string`)).min(1, { error: `${what} must not be empty` });

export const alembicExecutorSchema = z.strictObject({
  command: z
    .array(
      z.string({ error: "command entries must be strings" }).min(1, { error: "command entries must not be empty" }),
      typeError('command must be an array of strings, e.g. ["alembic", "-c", "alembic.ini"]'),
    )
    .min(1, { error: "command must name a program" }),
  cwd: nonEmptyPath("cwd").optional(),
  /** Names of variables env.py needs (e.g. SECRET_KEY); alembic sees only these and a few standard ones. */
  env: z
    .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: "env entries must be environment variable names" }),
      typeError('env must be an array of variable names, e.g. ["SECRET_KEY"]'))
    .optional(),
});

export const projectSchema = z
  .strictObject({
    name: name("Project"),
    dir: nonEmptyPath("dir").optional(),
    alembicIni: nonEmptyPath("alembicIni").optional(),
    alembic: alembicExecutorSchema.optional(),
    writable: z.boolean({ error: "writable must be true or false" }).default(false),
    format: z.enum(["alembic", "sql"], { error: 'format must be "alembic" or "sql"' }).optional(),
    // Where the revision files can be read in the team's repository browser (lib/core/view/repo-link.ts).
    repoUrl: z
      .url({ protocol: /^https$/, error: 'repoUrl must be an https URL, e.g. "https://github.com/acme/shop/blob/{ref}/db/migrations/{path}"' })
      .max(500, { error: "repoUrl must be at most 500 characters" })
      .optional(),
    repoRef: z
      .string(typeError("repoRef must be a string, e.g. \"main\""))
      .regex(/^(?!.*\.\.)[A-Za-z0-9_][A-Za-z0-9._/-]{0,199}$/, { error: 'repoRef must be a branch, tag or commit (letters, digits, ".", "_", "-", "/", no "..")' })
      .optional(),
  })
  .superRefine((project, ctx) => {
    const given = [project.dir, project.alembicIni].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message:
          given === 0
            ? 'a project needs either "dir" (its migration directory) or "alembicIni" (its alembic.ini)'
            : 'give either "dir" or "alembicIni", not both',
      });
    }
  });

const timeout = (what: string) =>
  z
    .number(typeError(`${what} must be a number of milliseconds`))
    .int({ error: `${what} must be a whole number of milliseconds` })
    .min(0, { error: `${what} must not be negative` })
    .max(86_400_000, { error: `${what} must be at most 86400000 (one day)` });

export const protectionSchema = z.enum(["none", "confirm", "approval", "readonly"], {
  error: 'protection must be one of "none", "confirm", "approval", "readonly"',
});

export const environmentSchema = z.strictObject({
  name: name("Environment"),
  project: z.string(typeError("project must be the name of a configured project")),
  // Optional for Alembic projects, which may take it from their alembic.ini's sqlalchemy.url.
  url: z
    .string(typeError('url must be a string, e.g. "${PROD_DATABASE_URL}"'))
    .min(1, { error: "url must not be empty" })
    .optional(),
  versionTable: identifier("versionTable").default("alembic_version"),
  versionSchema: identifier("versionSchema").nullable().default(null),
  protection: protectionSchema.default("confirm"),
  /** How long a statement may wait for a lock before it fails (0: no limit). Default 30 s. */
  lockTimeoutMs: timeout("lockTimeoutMs").optional(),
  /** How long any statement may run (0 or absent: no limit, for long migrations). */
  statementTimeoutMs: timeout("statementTimeoutMs").optional(),
  /** The stage before this one in the promotion order (an environment of the same project). */
  after: z.string(typeError('after must be the name of the environment before this one, e.g. "staging"')).optional(),
  /** What an upgrade that skips an earlier stage (or failed there last) gets: a warning, or refused. */
  promotion: z.enum(["warn", "enforce"], { error: 'promotion must be "warn" or "enforce"' }).optional(),
});

export const configFileSchema = z
  .strictObject(
    {
      projects: z.array(projectSchema, typeError("projects must be an array")),
      environments: z.array(environmentSchema, { error: "environments must be an array" }).default([]),
    },
    { error: "the configuration must be a JSON object with projects and environments" },
  )
  .superRefine((config, ctx) => {
    for (const issue of promotionIssues(config.environments)) ctx.addIssue({ code: "custom", path: ["environments", issue.index, issue.key], message: issue.message });
  });

type PromotionEntry = { name: string; project: string; after?: string; promotion?: string };

/** `after` names another environment of the same project, and the order has no cycle. Iterative. */
type PromotionIssue = { index: number; key: "after" | "promotion"; message: string };

function promotionIssues(environments: readonly PromotionEntry[]): PromotionIssue[] {
  const byName = new Map(environments.map((e) => [e.name, e]));
  return environments.flatMap((env, index): PromotionIssue[] => {
    if (env.after === undefined) {
      return env.promotion === "enforce" ? [{ index, key: "promotion", message: '"enforce" needs "after": the stage this environment follows' }] : [];
    }
    const message = afterProblem(env, byName);
    return message ? [{ index, key: "after", message }] : [];
  });
}

function afterProblem(env: PromotionEntry, byName: Map<string, PromotionEntry>): string | null {
  const before = byName.get(env.after!);
  if (!before) return `names no configured environment ("${env.after!.replace(/[^\w.-]/g, "?").slice(0, 64)}")`;
  if (before.project !== env.project) return `"${before.name}" belongs to project "${before.project}", not "${env.project}"`;
  const seen = [env.name];
  for (let at: PromotionEntry | undefined = before; at; at = at.after === undefined ? undefined : byName.get(at.after)) {
    if (seen.includes(at.name)) return `makes a cycle in the promotion order (${[...seen, at.name].join(" → ")})`;
    seen.push(at.name);
  }
  return null;
}

export type ConfigFile = z.infer<typeof configFileSchema>;
export type ProjectEntry = z.infer<typeof projectSchema>;
export type EnvironmentEntry = z.infer<typeof environmentSchema>;
