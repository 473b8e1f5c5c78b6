// `npm run demo`: an embedded PostgreSQL with one database per environment, each brought to a
// telling state, a generated retort.config.json, and `next start` pointed at it.
//
//   --reset      wipe the demo data and seed again      --port N    Next's port (default 3000)
//   --data DIR   demo data directory (.retort/demo)     --build     run `next build` first
//   --no-server  seed, print the variables, keep PostgreSQL running until Ctrl-C
import { register } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DemoOptions } from "./demo-run";

// Outside Next.js the "server-only" guard must resolve to nothing (as bin/retort.mjs does).
register("../bin/server-only-hook.mjs", import.meta.url);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv: string[]): DemoOptions {
  const options: DemoOptions = { reset: false, port: 3000, dataDir: path.join(repoRoot, ".retort/demo"), build: false, server: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) usage(`${arg} needs a value`);
      return next;
    };
    if (arg === "--reset") options.reset = true;
    else if (arg === "--build") options.build = true;
    else if (arg === "--no-server") options.server = false;
    else if (arg === "--port" || arg.startsWith("--port=")) options.port = port(arg.includes("=") ? arg.split("=")[1]! : value());
    else if (arg === "--data" || arg.startsWith("--data=")) options.dataDir = path.resolve(arg.includes("=") ? arg.split("=")[1]! : value());
    else usage(`unknown argument ${arg}`);
  }
  return options;
}

function port(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 65535) usage(`--port must be a port number, got ${text}`);
  return n;
}

function usage(problem: string): never {
  console.error(`demo: ${problem}\nusage: npm run demo -- [--reset] [--port N] [--data DIR] [--build] [--no-server]`);
  process.exit(2);
}

const options = parseArgs(process.argv.slice(2));
const { runDemo } = await import("./demo-run");
process.exitCode = await runDemo(options, repoRoot);
