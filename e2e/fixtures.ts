import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ProjectGraphView } from "../lib/core/view/view-types";
import { EnvironmentPage } from "./pages/environment-page";
import { GraphPage } from "./pages/graph-page";
import { OverviewPage } from "./pages/overview-page";

const SCREENS = path.join(process.cwd(), "test-results", "screens");

/** What the demo seeds (scripts/demo-environments.ts), as the dashboard should report it. */
export const DEMO_STATUSES = {
  dev: "current",
  staging: "behind",
  prod: "behind",
  qa: "behind",
  legacy: "unversioned",
  sandbox: "unknown-revision",
  "ledger-dev": "behind",
  analytics: "unreachable",
} as const;

interface Fixtures {
  overview: OverviewPage;
  graph: GraphPage;
  environment: EnvironmentPage;
  /** A full-page screenshot kept at test-results/screens/<name>.png. */
  snap: (name: string) => Promise<void>;
  /** The project's graph as the server serves it, to check the page against. */
  graphView: (project: string) => Promise<ProjectGraphView>;
}

export const test = base.extend<Fixtures>({
  overview: async ({ page }, use) => use(new OverviewPage(page)),
  graph: async ({ page }, use) => use(new GraphPage(page)),
  environment: async ({ page }, use) => use(new EnvironmentPage(page)),
  snap: async ({ page }, use) => use((name) => fullPageScreenshot(page, name)),
  graphView: async ({ request }, use) => use((project) => fetchGraph(request, project)),
});

async function fullPageScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

async function fetchGraph(request: APIRequestContext, project: string): Promise<ProjectGraphView> {
  const response = await request.get(`/api/projects/${project}/graph`);
  expect(response.ok(), `GET /api/projects/${project}/graph`).toBe(true);
  return (await response.json()) as ProjectGraphView;
}

export { expect };
