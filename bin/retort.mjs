#!/usr/bin/env node
// Entry point of the `retort` command. The CLI is written in TypeScript and shares lib/ with the
// dashboard; tsx compiles it on the fly, and "server-only" (a Next.js guard) resolves to nothing.
import { register } from "node:module";

register("./server-only-hook.mjs", import.meta.url);
const { register: registerTypeScript } = await import("tsx/esm/api");
registerTypeScript();
const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
