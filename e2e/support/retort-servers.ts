import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import pg from "pg";

// What the hardening spec needs beyond the demo server: accounts made with the real CLI, a
// second `next start` sharing the demo's data directory (so its embedded metadata database),
// and direct SQL on the demo's databases.

export const DATA = path.join(".retort", "e2e");
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_A = `http://127.0.0.1:${PORT}`;

export function demoEnv(): Record<string, string> {
  const text = readFileSync(path.join(DATA, "demo.env"), "utf8");
  return Object.fromEntries(text.split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1).trim()]));
}

export async function sql<T extends pg.QueryResultRow>(env: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: demoEnv()[`RETORT_DEMO_URL_${env.toUpperCase()}`] });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** `retort user …` against the demo's metadata database (found through its data directory). */
export function retortUser(args: string[], input?: string): { code: number; output: string } {
  const result = spawnSync(process.execPath, ["bin/retort.mjs", "user", ...args], {
    input, encoding: "utf8",
    env: { ...process.env, RETORT_DATA_DIR: path.join(DATA, "app"), RETORT_DATABASE_URL: "" },
  });
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

export function ensureUser(name: string, role: string, password: string): void {
  const added = retortUser(["add", name, "--role", role, "--password-stdin"], `${password}\n`);
  if (added.code === 0) return;
  if (!/already exists/.test(added.output)) throw new Error(`user add ${name}: ${added.output}`);
  retortUser(["password", name, "--password-stdin"], `${password}\n`);
  retortUser(["role", name, role]);
}

/** A context that signs in with a password on the login page (no proxy headers). */
export async function signIn(browser: Browser, user: { name: string; password: string }, options: { baseURL?: string; next?: string; headers?: Record<string, string> } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: options.baseURL ?? BASE_A, extraHTTPHeaders: options.headers ?? {} });
  const page = await context.newPage();
  await page.goto(options.next ? `/login?next=${encodeURIComponent(options.next)}` : "/login");
  await page.getByTestId("login-name").fill(user.name);
  await page.getByTestId("login-password").fill(user.password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}

export async function proxiedAs(browser: Browser, user: string, baseURL = BASE_A): Promise<BrowserContext> {
  return browser.newContext({ baseURL, extraHTTPHeaders: { "x-retort-e2e-user": user, "x-retort-proxy-secret": process.env.E2E_PROXY_SECRET ?? "" } });
}

export async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "retort_session");
  if (!cookie) throw new Error("no session cookie");
  return `retort_session=${cookie.value}`;
}

export interface ServerB {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A second Retort server: same build, same configuration, same data directory. */
export async function startServerB(port = PORT + 90, extraEnv: Record<string, string> = {}): Promise<ServerB> {
  const env = {
    ...process.env, ...demoEnv(), NEXT_TELEMETRY_DISABLED: "1",
    RETORT_TRUSTED_PROXY_HEADER: "x-retort-e2e-user", RETORT_TRUSTED_PROXIES: "127.0.0.1,::1", RETORT_TRUSTED_PROXY_SECRET: process.env.E2E_PROXY_SECRET ?? "",
    ...extraEnv,
  };
  const child = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => void (output += c));
  child.stderr!.on("data", (c: Buffer) => void (output += c));
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null) throw new Error(`server B exited (${child.exitCode}): ${output}`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
    if (waited > 60_000) throw new Error(`server B did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { url, child, stop: async () => { if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM"); await exited; } };
}

/** `next start` as a user would run it, waiting for it to exit by itself (or be stopped after `ms`). */
export function runServerUntilExit(env: Record<string, string>, port: number, ms = 45_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => void (output += c));
    child.stderr.on("data", (c: Buffer) => void (output += c));
    const timer = setTimeout(() => child.kill("SIGTERM"), ms);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
