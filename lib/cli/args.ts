// A small argv parser: the CLI's flags are few and fixed, so no dependency is needed.

export interface ParsedArgs {
  command: string | null;
  positionals: string[];
  flags: Map<string, string | true>;
  /** Every value of a repeatable flag (`--depends-on a --depends-on b`), in order. */
  lists?: Map<string, string[]>;
}

/** Flags that take a value; every other `--flag` is a boolean. */
const VALUE_FLAGS = new Set(["role", "confirm", "dir", "env", "url", "from", "m", "message", "rev-id", "branch-label", "config", "project", "table", "schema", "alembic-ini",
  "rev-range", "head", "depends-on", "version-path"]);
/** Alembic's short spellings: -m MESSAGE, -r A:B, -v. */
const SHORT = new Map([["m", "message"], ["r", "rev-range"], ["v", "verbose"]]);
const REPEATABLE = new Set(["depends-on"]);

export class UsageError extends Error {}

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i]!;
    i += 1;
    if (arg === "--") {
      positionals.push(...argv.slice(i));
      break;
    }
    const long = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
    const short = /^-([a-zA-Z])$/.exec(arg);
    if (!long && !short) {
      positionals.push(arg);
      continue;
    }
    const raw = long ? long[1]! : short![1]!;
    const name = SHORT.get(raw) ?? raw;
    if (VALUE_FLAGS.has(raw) || VALUE_FLAGS.has(name)) {
      // `--from ""` is meaningful (an empty version table), so only a missing value is an error.
      const value = long?.[2] ?? argv[i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      if (long?.[2] === undefined) i += 1;
      flags.set(name, value);
      if (REPEATABLE.has(name)) lists.set(name, [...(lists.get(name) ?? []), value]);
    } else {
      if (long?.[2] !== undefined) throw new UsageError(`--${name} does not take a value`);
      flags.set(name, true);
    }
  }
  const [command = null, ...rest] = positionals;
  return { command, positionals: rest, flags, lists };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === "string" ? value : undefined;
}

export function listFlag(args: ParsedArgs, name: string): string[] {
  return args.lists?.get(name) ?? [];
}

export function boolFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

const PROJECT = ["dir", "json", "config", "project", "alembic-ini"];

const KNOWN: Record<string, string[]> = {
  heads: [...PROJECT, "verbose"],
  history: [...PROJECT, "verbose", "rev-range", "env", "url", "from", "table", "schema"],
  show: [...PROJECT],
  branches: [...PROJECT, "verbose"],
  revision: [...PROJECT, "message", "head", "branch-label", "depends-on", "rev-id", "splice", "version-path"],
  current: ["dir", "env", "url", "json", "config", "project", "alembic-ini", "table", "schema", "verbose"],
  upgrade: ["confirm", "dir", "env", "url", "from", "dry-run", "sql", "json", "config", "project", "alembic-ini", "table", "schema", "single-transaction"],
  downgrade: ["confirm", "dir", "env", "url", "from", "dry-run", "sql", "json", "config", "project", "alembic-ini", "table", "schema", "single-transaction"],
  stamp: ["confirm", "dir", "env", "url", "from", "purge", "dry-run", "json", "config", "project", "alembic-ini", "table", "schema"],
  merge: ["dir", "message", "rev-id", "branch-label", "json", "config", "project", "alembic-ini", "splice"],
  user: ["role", "password-stdin", "json"],
  audit: ["head", "json"],
  check: ["dir", "env", "url", "from", "json", "config", "project", "alembic-ini", "table", "schema", "allow-pending", "drift"],
  drift: ["dir", "env", "url", "json", "config", "project", "alembic-ini", "table", "schema"],
};

export function checkFlags(args: ParsedArgs): void {
  const allowed = KNOWN[args.command ?? ""];
  if (!allowed) return;
  for (const name of args.flags.keys()) {
    // --no-cache (skip the persistent header cache) goes with every command that reads a project.
    const projectFlag = name === "no-cache" && allowed.includes("dir");
    if (!allowed.includes(name) && !projectFlag) throw new UsageError(`retort ${args.command} does not take --${name}`);
  }
}

export const COMMANDS = Object.keys(KNOWN);
