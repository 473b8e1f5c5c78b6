import { spawnSync } from "node:child_process";
import path from "node:path";
import type { Browser, BrowserContext } from "@playwright/test";

// Signing in for the specs: users are added with the real CLI into the demo server's data
// directory, then named by the trusted-proxy header the config accepts from 127.0.0.1.

const DATA = path.join(".retort", "e2e");

export function addUser(name: string, role: "admin" | "operator" | "viewer", password = "tangerine-Bicycle-7431-x"): void {
  const result = spawnSync(process.execPath, ["bin/retort.mjs", "user", "add", name, "--role", role, "--password-stdin"], {
    input: `${password}\n`,
    encoding: "utf8",
    env: { ...process.env, RETORT_DATA_DIR: path.join(DATA, "app") },
  });
  if (result.status !== 0 && !/already exists/.test(`${result.stdout}${result.stderr}`)) throw new Error(`user add ${name}: ${result.stderr}`);
}

export function proxyHeaders(user: string): Record<string, string> {
  return { "x-retort-e2e-user": user, "x-retort-proxy-secret": process.env.E2E_PROXY_SECRET ?? "" };
}

/** A browser context signed in as `user` (added as `role` first), at a given viewport width. */
export async function contextAs(browser: Browser, user: string, role: "admin" | "operator" | "viewer", options: { width?: number; theme?: "light" | "dark" } = {}): Promise<BrowserContext> {
  addUser(user, role);
  const context = await browser.newContext({
    extraHTTPHeaders: proxyHeaders(user),
    viewport: { width: options.width ?? 1440, height: options.width && options.width < 640 ? 844 : 900 },
  });
  return context;
}
