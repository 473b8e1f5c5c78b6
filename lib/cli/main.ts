// `retort`: the same engine as the dashboard, for people at a terminal and for CI.
import { boolFlag, checkFlags, COMMANDS, parseArgs, type ParsedArgs, UsageError } from "./args";
import { CliError, createOutput, type Output, printError } from "./output";

export const USAGE = `usage: retort <command> [options] [--json]

  heads      [--dir D] [-v]                     versioned heads (what \`alembic heads\` lists)
  history    [--dir D] [-r A:B] [-v]            revisions newest first, optionally a range
  show REV   [--dir D]                          a revision in full (\`heads\` for all heads)
  branches   [--dir D] [-v]                     branch points and what they branch into
  current    (--env E | --url U) [-v]           the version table's rows
  revision   -m MESSAGE [--head H] [--branch-label L] [--depends-on R]... [--rev-id ID] [--splice]
             [--version-path DIR]               a new revision file (script.py.mako, or SQL)
  upgrade T  (--env E | --url U | --from R,R)   [--dry-run] [--sql] [--single-transaction]
  downgrade T  (same)
  stamp R... (--env E | --url U | --from R,R)   [--purge] [--dry-run]
  merge R... -m MESSAGE [--rev-id ID] [--branch-label L] [--splice]
  check      [--env E | --url U] [--allow-pending] [--drift]  exit 1 on load problems, unlabelled heads, drift
  drift      (--env E | --url U) [--dir D]      the live schema against its revision's (exit 1 differs, 2 error)
  user add NAME [--role viewer|operator|admin] [--password-stdin] | user list | user remove NAME
  user role NAME ROLE | user password NAME [--password-stdin]   (both sign the user out everywhere)
  audit verify [--head SEQ:HASH]                walk Retort's audit trail; exit 1 at the first broken row

Projects come from --dir DIR (a versions directory, a script_location, or a folder with
alembic.ini), --alembic-ini FILE, or retort.config.json (--project NAME, --config FILE).
heads, history, show and branches exit 1 when the directory has errors (listed on stderr, or in
"problems" with --json). Parsed revision headers are cached in node_modules/.cache/retort
($XDG_CACHE_HOME/retort or RETORT_CACHE_DIR when set); --no-cache reads every file afresh. An Alembic project's upgrade/downgrade runs its alembic with --url or --env.
--url defaults to DATABASE_URL; --table/--schema name the version table (default alembic_version).
--env NAME honours the environment's protection: confirm needs --confirm NAME.`;

type Handler = (args: ParsedArgs, out: Output) => Promise<number>;

// Each command is loaded when it runs, so `heads` or `history` never load a database driver,
// the metadata store or the Alembic runner (the bundle splits them into their own chunks).
const HANDLERS: Record<string, () => Promise<Handler>> = {
  heads: async () => (await import("./commands/heads")).headsCommand,
  history: async () => (await import("./commands/history")).historyCommand,
  show: async () => (await import("./commands/show")).showCommand,
  branches: async () => (await import("./commands/show")).branchesCommand,
  revision: async () => (await import("./commands/revision")).revisionCommand,
  current: async () => (await import("./commands/current")).currentCommand,
  upgrade: async () => {
    const { migrateCommand } = await import("./commands/migrate");
    return (args, out) => migrateCommand("upgrade", args, out);
  },
  downgrade: async () => {
    const { migrateCommand } = await import("./commands/migrate");
    return (args, out) => migrateCommand("downgrade", args, out);
  },
  stamp: async () => (await import("./commands/stamp")).stampCommand,
  merge: async () => (await import("./commands/merge")).mergeCommand,
  check: async () => (await import("./commands/check")).checkCommand,
  drift: async () => (await import("./commands/drift")).driftCommand,
  user: async () => (await import("./commands/user")).userCommand,
  audit: async () => (await import("./commands/audit")).auditCommand,
};

function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof UsageError) return new CliError("usage", error.message, 2);
  const message = error instanceof Error ? error.message : String(error);
  return new CliError("internal", `Unexpected error: ${message}`);
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  let out: Output | undefined;
  try {
    const args = parseArgs(argv);
    if (args.command === null || args.command === "help" || boolFlag(args, "help")) {
      process.stdout.write(`${USAGE}\n`);
      return args.command === null && !boolFlag(args, "help") ? 2 : 0;
    }
    const load = Object.hasOwn(HANDLERS, args.command) ? HANDLERS[args.command] : undefined;
    if (!load) throw new CliError("usage", `Unknown command '${args.command}' (commands: ${COMMANDS.join(", ")})`, 2);
    checkFlags(args);
    const handler = await load();
    out = createOutput(json);
    return await handler(args, out);
  } catch (error) {
    // What the command printed comes before its error.
    out?.flush();
    const cliError = toCliError(error);
    printError(cliError, json);
    return cliError.exitCode;
  }
}
