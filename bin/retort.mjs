#!/usr/bin/env node
// Entry point of the `retort` command: runs the prebuilt bundle in dist/cli/ (made by `npm
// install`'s prepare step, `npm run build` or `npm run build:cli`), so no TypeScript is compiled
// at start-up. RETORT_CLI_FROM_SOURCE=1 runs lib/cli/main.ts through tsx instead (development).
import { existsSync } from "node:fs";

async function loadMain() {
  if (process.env.RETORT_CLI_FROM_SOURCE === "1") {
    const { register } = await import("node:module");
    register("./server-only-hook.mjs", import.meta.url);
    const { register: registerTypeScript } = await import("tsx/esm/api");
    registerTypeScript();
    return (await import("../lib/cli/main.ts")).main;
  }
  const bundle = new URL("../dist/cli/main.mjs", import.meta.url);
  if (!existsSync(bundle)) {
    process.stderr.write(
      "retort: the CLI is not built (dist/cli/main.mjs is missing). Run `npm run build:cli` " +
        "(or `npm install`), or set RETORT_CLI_FROM_SOURCE=1 to run it from the TypeScript sources.\n",
    );
    process.exit(70);
  }
  return (await import(bundle.href)).main;
}

// `retort history | head`: a reader that goes away ends the command quietly, as in other tools.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const main = await loadMain();
const code = await main(process.argv.slice(2));
// The command has finished (connections closed, cache written): with nothing left to write, exit
// now rather than wait for the event loop to drain and the collector to finish a cycle the heap
// of a large project started (~5-10 ms at 5,000 revisions). Output still queued (a pipe on some
// platforms) is left to drain normally.
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
process.exitCode = code;
