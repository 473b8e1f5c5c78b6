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
process.exitCode = await main(process.argv.slice(2));
