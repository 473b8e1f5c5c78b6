import { spawnSync } from "node:child_process";
import path from "node:path";
import type { Browser } from "@playwright/test";
import mysql from "mysql2/promise";
import { expect, test } from "./fixtures";
import { ActionsPage } from "./pages/actions-page";
import { demoUrl } from "./support/demo-db";

// SQLite and MySQL/MariaDB environments beside PostgreSQL ones, on the demo's portable
// inventory project: edge is a SQLite file, warehouse a MySQL database (scripts/demo-backends.ts).

const DATA = path.join(".retort", "e2e");
const INVENTORY_DIR = path.join(DATA, "projects", "inventory");
const SEEDED = { edge: "8c3f2e4a1d33", warehouse: "c07d6c8e5b77" };
const HEAD = "e29f8e0a7d99";
const OPERATOR = "e2e-backends-operator";

/** The retort CLI against a demo environment's database, as a user would run it. */
function cli(args: string[], env: string): { code: number | null; json: { rows?: string[]; error?: unknown } } {
  const result = spawnSync(process.execPath, ["bin/retort.mjs", ...args, "--dir", INVENTORY_DIR, "--url", demoUrl(env), "--json"], { encoding: "utf8" });
  return { code: result.status, json: JSON.parse(result.stdout || "{}") };
}

function addOperator(): void {
  const result = spawnSync(process.execPath, ["bin/retort.mjs", "user", "add", OPERATOR, "--role", "operator", "--password-stdin"], {
    input: "seven-Lanterns-2209\n", encoding: "utf8", env: { ...process.env, RETORT_DATA_DIR: path.join(DATA, "app") },
  });
  if (result.status !== 0 && !/already exists/.test(`${result.stdout}${result.stderr}`)) throw new Error(`user add: ${result.stderr}`);
}

async function asOperator(browser: Browser) {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-retort-e2e-user": OPERATOR, "x-retort-proxy-secret": process.env.E2E_PROXY_SECRET ?? "" } });
  return context.newPage();
}

test.describe.configure({ mode: "serial" });
test.beforeAll(addOperator);
test.afterAll(() => {
  // Back to the seeded state, for the other specs and the next run.
  cli(["downgrade", SEEDED.edge], "edge");
  cli(["downgrade", SEEDED.warehouse], "warehouse");
});

test("the overview shows the SQLite and MySQL environments with their states", async ({ overview, snap, page }) => {
  await overview.goto();
  for (const env of ["edge", "warehouse"]) {
    await expect(overview.envCard(env)).toHaveAttribute("data-status", "behind");
  }
  await expect(overview.envCard("edge").getByTestId("version-rows")).toContainText(SEEDED.edge.slice(0, 12));
  await expect(overview.envCard("warehouse").getByTestId("version-rows")).toContainText(SEEDED.warehouse.slice(0, 12));
  // No URL, file path or host on the page.
  const html = await page.content();
  expect(html).not.toMatch(/sqlite:\/\/|mysql:\/\/|inventory-edge\.db|retort_demo_inventory/);
  await snap("backends-overview-1440");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap("backends-overview-390");
});

test("the graph shows where each backend's environment stands", async ({ graph, snap, page }) => {
  await graph.goto("inventory");
  await graph.fitAll();
  await expect(graph.node(SEEDED.edge).getByTestId("env-badge-edge")).toBeVisible();
  await expect(graph.node(SEEDED.warehouse).getByTestId("env-badge-warehouse")).toBeVisible();
  await expect(graph.heads).toHaveCount(1);
  await snap("backends-graph-1440");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap("backends-graph-390");
});

test("an operator upgrades the SQLite environment from the browser", async ({ browser }) => {
  const page = await asOperator(browser);
  const actions = new ActionsPage(page);
  await actions.goto("edge");
  await actions.previewAction("upgrade", "heads");
  await expect(actions.preview.getByTestId("preview-rows-before")).toHaveAttribute("data-rows", SEEDED.edge);
  await expect(actions.preview.getByTestId("preview-steps").locator(":scope > li")).toHaveCount(6);
  await page.screenshot({ path: "test-results/screens/backends-preview-edge.png", fullPage: true });
  await actions.confirm();
  await expect(actions.result).toHaveAttribute("data-ok", "true");
  await expect(actions.result.getByTestId("result-summary")).toContainText("matches the plan");
  await page.screenshot({ path: "test-results/screens/backends-result-edge.png", fullPage: true });
  await actions.close();
  await expect(page.getByTestId("env-edge")).toHaveAttribute("data-status", "current");
  expect(cli(["current"], "edge").json.rows).toEqual([HEAD]);
});

test("the preview of a MySQL run says DDL is not transactional there", async ({ browser }) => {
  const page = await asOperator(browser);
  const actions = new ActionsPage(page);
  await actions.goto("warehouse");
  await actions.previewAction("upgrade", "heads");
  await expect(actions.preview).toContainText("DDL is not transactional here");
  await page.screenshot({ path: "test-results/screens/backends-preview-warehouse.png", fullPage: true });
  expect(cli(["current"], "warehouse").json.rows).toEqual([SEEDED.warehouse]);
});

test("a MySQL upgrade waiting for a lock shows who blocks it, and is cancelled from the page", async ({ browser }) => {
  // Another session reads items in an open transaction: the next step's foreign key to items must wait for it.
  const url = new URL(demoUrl("warehouse"));
  const blocker = await mysql.createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), database: url.pathname.slice(1) });
  await blocker.query("START TRANSACTION");
  await blocker.query("SELECT * FROM items");
  try {
    const page = await asOperator(browser);
    const actions = new ActionsPage(page);
    await actions.goto("warehouse");
    await actions.previewAction("upgrade", "heads");
    await actions.dialog.getByTestId("confirm-name").fill("warehouse");
    await actions.dialog.getByTestId("confirm-submit").click();
    // Closing the dialog leaves the run going; the page behind it shows it waiting, and who blocks it.
    await actions.dialog.getByTestId("dialog-close").click();
    const running = page.getByTestId("running-action");
    await expect(running.getByTestId("running-waiting")).toContainText("transaction open since", { timeout: 20_000 });
    await page.screenshot({ path: "test-results/screens/backends-waiting-1440.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/screens/backends-waiting-390.png", fullPage: true });
    await running.getByTestId("cancel-run").click();
    await expect(page.getByTestId("running-actions")).toBeHidden({ timeout: 20_000 });
  } finally {
    await blocker.query("ROLLBACK");
    await blocker.end();
  }
  // The step before the waiting one had committed; the cancelled one left nothing.
  expect(cli(["current"], "warehouse").json.rows).toEqual(["d18e7d9f6c88"]);
});
