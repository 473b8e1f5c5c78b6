// Runs a TypeScript module's default export in a child process, as bin/retort.mjs runs the CLI:
// `node test/helpers/run-in-child.mjs <module.ts> <json argument>`.
import { register } from "node:module";
import { pathToFileURL } from "node:url";

register("../../bin/server-only-hook.mjs", import.meta.url);
const { register: registerTypeScript } = await import("tsx/esm/api");
registerTypeScript();
const [modulePath, argument] = process.argv.slice(2);
const { default: run } = await import(pathToFileURL(modulePath).href);
await run(JSON.parse(argument ?? "null"));
