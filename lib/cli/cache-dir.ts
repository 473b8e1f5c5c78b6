// Where the CLI keeps its header cache: RETORT_CACHE_DIR, else $XDG_CACHE_HOME/retort, else
// Retort's own node_modules/.cache/retort (the convention of other tools' caches), else
// ~/.cache/retort. Never inside the migrations directory.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { HeaderCacheOptions } from "../server/header-cache";

declare const __RETORT_BUILD_ID__: string | undefined;

/** The bundle's build id (a digest of its sources, set by scripts/build-cli.mjs); null from sources. */
function buildId(): string | null {
  return typeof __RETORT_BUILD_ID__ === "string" ? __RETORT_BUILD_ID__ : null;
}

export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RETORT_CACHE_DIR) return path.resolve(env.RETORT_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return path.join(path.resolve(env.XDG_CACHE_HOME), "retort");
  // lib/cli/ and dist/cli/ are both two levels below Retort's root.
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  if (existsSync(path.join(root, "node_modules"))) return path.join(root, "node_modules", ".cache", "retort");
  return path.join(os.homedir(), ".cache", "retort");
}

/**
 * The cache to use, or undefined with --no-cache. Running from the TypeScript sources the parser
 * may change under the cache at any time, so only the bundle (whose build id names the code that
 * produced the entries) uses one unless RETORT_CACHE_VERSION names a version explicitly.
 */
export function headerCacheOptions(noCache: boolean, env: NodeJS.ProcessEnv = process.env): HeaderCacheOptions | undefined {
  if (noCache || env.RETORT_NO_CACHE === "1") return undefined;
  const version = buildId() ?? env.RETORT_CACHE_VERSION;
  if (!version) return undefined;
  return { dir: cacheDirectory(env), version };
}
