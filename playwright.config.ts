import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

// End-to-end tests run against the demo (embedded PostgreSQL, seeded environments) served by
// `next start` on a production build. The lead's runner builds first; the demo builds if needed.
// E2E_PORT lets several checkouts run their suites side by side without sharing a server.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

// The tests sign in as Retort's trusted-proxy mode allows: a shared secret and a user header,
// accepted only from 127.0.0.1. The secret is fresh per run and lives only in this process tree.
const proxySecret = process.env.E2E_PROXY_SECRET ?? randomBytes(24).toString("base64url");
process.env.E2E_PROXY_SECRET = proxySecret;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/playwright",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL,
    screenshot: "on",
    trace: "retain-on-failure",
    extraHTTPHeaders: { "x-retort-e2e-user": "e2e-viewer", "x-retort-proxy-secret": proxySecret },
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"],
        },
      },
    },
  ],
  webServer: {
    command: `node scripts/build-cli.mjs --if-stale && npx tsx scripts/demo.ts --reset --port ${PORT} --data .retort/e2e`,
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
    // SIGTERM first, so the demo stops what it started (PostgreSQL clusters) before it exits.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      RETORT_TRUSTED_PROXY_HEADER: "x-retort-e2e-user",
      RETORT_TRUSTED_PROXIES: "127.0.0.1,::1",
      RETORT_TRUSTED_PROXY_SECRET: proxySecret,
    },
  },
});
