// What the browser and HTTP benchmarks need around them: a production build, `next start` on a
// free 127.0.0.1 port, an embedded PostgreSQL, and a cleanup list run even on failure.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from "../lib/server/embedded-postgres";
import { freePort } from "../lib/server/free-port";

export const repoRoot = path.resolve(import.meta.dirname, "..");

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function loadAverage(): string {
  return `${os.loadavg().map((n) => n.toFixed(2)).join(", ")} (1, 5, 15 min) on ${os.availableParallelism()} cores`;
}

/** Teardown steps, run last-in first-out; each one's failure is reported, not thrown. */
export class Cleanup {
  private steps: { name: string; run: () => Promise<unknown> }[] = [];
  add(name: string, run: () => Promise<unknown>): void {
    this.steps.push({ name, run });
  }
  async runAll(): Promise<void> {
    for (const step of this.steps.reverse()) {
      await withTimeout(step.run(), 20_000).catch((error: unknown) => console.error(`bench: cleanup ${step.name} failed: ${String(error)}`));
    }
    this.steps = [];
  }
}


/** A temp directory PostgreSQL's own user can write to (initdb runs as `postgres` under root). */
export async function tempDir(cleanup: Cleanup, prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `retort-bench-${prefix}-`));
  await fs.chmod(dir, 0o777);
  cleanup.add(`rm ${dir}`, () => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function startPostgres(cleanup: Cleanup, parent: string): Promise<EmbeddedPostgresServer> {
  const server = await startEmbeddedPostgres({ dataDir: path.join(parent, "pg"), port: await freePort(), ephemeral: true });
  cleanup.add("embedded PostgreSQL", () => server.stop());
  return server;
}

/** Builds when .next/BUILD_ID is missing (or BENCH_BUILD=1); waits for anyone else's build first. */
export async function ensureBuild(): Promise<void> {
  const buildId = path.join(repoRoot, ".next/BUILD_ID");
  await waitForOtherBuilds();
  if (existsSync(buildId) && process.env.BENCH_BUILD !== "1") {
    const stale = newestSource() > statSync(buildId).mtimeMs;
    if (stale) console.warn("bench: app sources changed since the last `next build`; measuring that build (BENCH_BUILD=1 rebuilds)");
    measuredBuild = readBuildId();
    return;
  }
  console.log("bench: building the dashboard (next build)…");
  const code = await exitCodeOf(spawn(path.join(repoRoot, "node_modules/.bin/next"), ["build"], {
    cwd: repoRoot, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  }));
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  measuredBuild = readBuildId();
}

let measuredBuild: string | null = null;

/** True when someone rebuilt .next after ensureBuild: the running servers then lack their chunks. */
export function buildChangedSinceStart(): boolean {
  if (measuredBuild === null) return false;
  return readBuildId() !== measuredBuild;
}

function readBuildId(): string | null {
  try {
    return readFileSync(path.join(repoRoot, ".next/BUILD_ID"), "utf8");
  } catch {
    return null;
  }
}

async function waitForOtherBuilds(): Promise<void> {
  for (let announced = false; ; announced = true) {
    const running = spawnSync("pgrep", ["-f", "next build"], { encoding: "utf8" }).stdout.trim();
    if (!running) return;
    if (!announced) console.log("bench: another `next build` is running; waiting for it…");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

function newestSource(): number {
  let newest = 0;
  const stack = ["app", "components", "lib"].map((d) => path.join(repoRoot, d));
  while (stack.length > 0) {
    const dir = stack.pop()!;
    const entries = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (/\.(tsx?|css)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

export interface NextServer {
  url: string;
  /** Headers that sign a request in through trusted-proxy mode. */
  headers: Record<string, string>;
}

const USER_HEADER = "x-retort-bench-user";

/**
 * `next start` on a free port with `config`, signed in through trusted-proxy mode (a fresh
 * shared secret, accepted from 127.0.0.1 only). Stopped by `cleanup`.
 */
export async function startNext(cleanup: Cleanup, args: { config: string; dataDir: string; label: string }): Promise<NextServer> {
  const port = await freePort();
  const secret = randomBytes(24).toString("base64url");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    RETORT_CONFIG: args.config,
    RETORT_DATA_DIR: args.dataDir,
    RETORT_TRUSTED_PROXY_HEADER: USER_HEADER,
    RETORT_TRUSTED_PROXIES: "127.0.0.1,::1",
    RETORT_TRUSTED_PROXY_SECRET: secret,
  };
  delete env.RETORT_USERS_FILE;
  delete env.RETORT_SESSION_SECRET;
  const output: string[] = [];
  // Its own process group, so stopping it also stops any worker it forks.
  const child = spawn(path.join(repoRoot, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: repoRoot, env, detached: true, stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => void output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => void output.push(chunk.toString()));
  const exited = exitCodeOf(child);
  cleanup.add(`next start (${args.label})`, () => stopProcessGroup(child, exited));
  const url = `http://127.0.0.1:${port}`;
  if (!(await waitForHealth(url, exited))) {
    throw new Error(`next start (${args.label}) did not become healthy:\n${output.join("").slice(-2000)}`);
  }
  return { url, headers: { [USER_HEADER]: "bench", "x-retort-proxy-secret": secret } };
}

/**
 * Milliseconds until /api/health says the start-up warm-up is done (projects loaded, environments
 * read; the server listens before that): what a first visitor right after `next start` would wait on top.
 */
export async function waitForWarm(url: string): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < 60_000) {
    const warm = await fetch(`${url}/api/health`).then(async (r) => ((await r.json()) as { warm?: boolean }).warm === true, () => false);
    if (warm) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the server's start-up warm-up did not finish within 60 s");
}

async function waitForHealth(url: string, exited: Promise<number | null>): Promise<boolean> {
  let done = false;
  void exited.then(() => (done = true));
  for (let waited = 0; waited < 60_000 && !done; waited += 200) {
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

async function stopProcessGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))]);
  if (!stopped) signal("SIGKILL");
}

function exitCodeOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("error", () => resolve(1));
    child.once("exit", (code, signal) => resolve(code ?? (signal ? null : 1)));
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timed out")), ms).unref())]);
}

export interface GetTiming {
  /** First request: caches (projects, pools) still empty. */
  coldMs: number;
  /** Median of the later requests: until the last byte, and until the headers (streaming starts). */
  medianMs: number;
  medianHeadersMs: number;
  status: number;
  bytes: number;
}

/** One cold GET, then `runs` sequential ones; wall times until the whole (streamed) body is read. */
export async function timeGet(url: string, headers: Record<string, string>, runs: number): Promise<GetTiming> {
  const once = async () => {
    const start = performance.now();
    const response = await fetch(url, { headers, redirect: "manual" });
    const headersMs = performance.now() - start;
    const body = await response.arrayBuffer();
    return { ms: performance.now() - start, headersMs, status: response.status, bytes: body.byteLength };
  };
  const cold = await once();
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(await once());
  const last = warm[warm.length - 1] ?? cold;
  return {
    coldMs: cold.ms,
    medianMs: median(warm.map((w) => w.ms)),
    medianHeadersMs: median(warm.map((w) => w.headersMs)),
    status: last.status,
    bytes: last.bytes,
  };
}

/** A PostgreSQL cluster and a Chromium shared by the parts that need them, started on first use. */
export interface SharedResources {
  postgres(): Promise<EmbeddedPostgresServer>;
  browser(): Promise<Browser>;
}

export function sharedResources(cleanup: Cleanup): SharedResources {
  let postgres: Promise<EmbeddedPostgresServer> | null = null;
  let browser: Promise<Browser> | null = null;
  return {
    postgres: () => (postgres ??= tempDir(cleanup, "pg").then((dir) => startPostgres(cleanup, dir))),
    browser: () => (browser ??= launchChromium(cleanup)),
  };
}

async function launchChromium(cleanup: Cleanup): Promise<Browser> {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  cleanup.add("chromium", () => browser.close());
  return browser;
}
