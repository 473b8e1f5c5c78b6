// Runs the `retort` CLI in process (fast) or as a real child process, capturing what it prints.
// Both run the prebuilt bundle (dist/cli/, which test/global-setup.ts rebuilds when lib/ is newer),
// so the suite proves what users run; RETORT_CLI_FROM_SOURCE=1 runs lib/cli/main.ts instead.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { vi } from "vitest";

type Main = (argv: string[]) => Promise<number>;
let loaded: Promise<Main> | undefined;

function loadMain(): Promise<Main> {
  if (process.env.RETORT_CLI_FROM_SOURCE === "1") return import("../lib/cli/main").then((m) => m.main);
  const bundle = pathToFileURL(path.join(ROOT, "dist", "cli", "main.mjs")).href;
  loaded ??= import(/* @vite-ignore */ bundle).then((m: { main: Main }) => m.main);
  return loaded;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json: any;
}

function parse(stdout: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    return undefined;
  }
}

export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const main = await loadMain();
    const code = await main(args);
    return { code, stdout, stderr, json: parse(stdout) };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/** The real command, as a user runs it: `node bin/retort.mjs …`. */
export function spawnCli(args: string[], env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "retort.mjs"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json: parse(result.stdout) };
}
