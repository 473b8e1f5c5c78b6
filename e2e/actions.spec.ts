import { spawnSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page, Request } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ActionsPage } from "./pages/actions-page";
import { demoSql as sql } from "./support/demo-db";

// Guarded actions from the browser, against the demo (scripts/demo.ts works on its own copy of
// migrations/ under .retort/e2e/projects). Every test puts back what it changed (afterAll), so
// the other specs still see the seeded states.

const DATA = path.join(".retort", "e2e");
const SHOP_DIR = path.join(DATA, "projects", "shop");
const ADMIN_A = { name: "e2e-admin-a", password: "tangerine-Bicycle-7431" };
const ADMIN_B = "e2e-admin-b";
const SEEDED = { staging: ["e1f6a8c3d529"], preprod: ["2a5d9c7e1f08"] };

const rowsOf = async (env: string) =>
  (await sql<{ v: string }>(env, "SELECT version_num AS v FROM alembic_version ORDER BY 1").catch(() => null))?.map((r) => r.v) ?? null;

function addUser(name: string, role: string, password: string): void {
  const result = spawnSync(process.execPath, ["bin/retort.mjs", "user", "add", name, "--role", role, "--password-stdin"], {
    input: `${password}\n`,
    encoding: "utf8",
    // The demo server keeps its users under <data>/app (RETORT_DATA_DIR); write them there.
    env: { ...process.env, RETORT_DATA_DIR: path.join(DATA, "app") },
  });
  if (result.status !== 0 && !/already exists/.test(`${result.stdout}${result.stderr}`)) throw new Error(`user add ${name}: ${result.stderr}`);
}

/** A browser context signed in through the trusted proxy as `user` (the config's mechanism). */
async function proxiedAs(browser: Browser, user: string): Promise<BrowserContext> {
  return browser.newContext({ extraHTTPHeaders: { "x-retort-e2e-user": user, "x-retort-proxy-secret": process.env.E2E_PROXY_SECRET ?? "" } });
}

/** Signs admin A in through the login page, in a context without the proxy headers. */
async function signedInAdmin(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: {} });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByTestId("login-name").fill(ADMIN_A.name);
  await page.getByTestId("login-password").fill(ADMIN_A.password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}

test.describe.configure({ mode: "serial" });

let shopFiles: string[] = [];
test.beforeAll(() => {
  addUser(ADMIN_A.name, "admin", ADMIN_A.password);
  addUser(ADMIN_B, "admin", `${ADMIN_A.password}-b`);
  shopFiles = readdirSync(SHOP_DIR);
});

test.afterAll(async () => {
  // Put the demo back as seeded: version rows, legacy's missing table, shop's two heads.
  for (const [env, rows] of Object.entries(SEEDED)) {
    await sql(env, `DELETE FROM alembic_version; ${rows.map((r) => `INSERT INTO alembic_version VALUES ('${r}');`).join(" ")}`).catch(() => undefined);
  }
  await sql("legacy", "DROP TABLE IF EXISTS alembic_version").catch(() => undefined);
  for (const file of readdirSync(SHOP_DIR)) if (!shopFiles.includes(file)) rmSync(path.join(SHOP_DIR, file));
});

test("an admin signs in and upgrades staging to heads after typing its name", async ({ browser, snap }) => {
  const page = await signedInAdmin(browser);
  const actions = new ActionsPage(page);
  await actions.goto("staging");
  await actions.previewAction("upgrade", "heads");
  await expect(actions.preview.getByTestId("preview-rows-before")).toHaveAttribute("data-rows", SEEDED.staging.join(","));
  await expect(actions.preview.getByTestId("preview-steps").locator("li")).not.toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/actions-preview-staging.png" });

  // A typo keeps the button disabled and the preview in place; nothing is sent.
  await actions.dialog.getByTestId("confirm-name").fill("not-staging");
  await expect(actions.dialog.getByTestId("confirm-submit")).toBeDisabled();
  await expect(actions.preview).toBeVisible();
  expect(await rowsOf("staging")).toEqual(SEEDED.staging);
  await actions.confirm("staging");
  await expect(actions.result).toHaveAttribute("data-ok", "true");
  await expect(actions.result.getByTestId("result-summary")).toContainText("matches the plan");
  await page.screenshot({ path: "test-results/screens/actions-result-staging.png" });
  await actions.close();
  await expect(page.getByTestId("env-staging")).toHaveAttribute("data-status", "current");
  await snap("actions-staging-after");
});

test("rehearsing legacy's upgrade fails on its existing tables and changes nothing", async ({ browser }) => {
  const page = await signedInAdmin(browser);
  const actions = new ActionsPage(page);
  await actions.goto("legacy");
  await actions.previewAction("rehearse", "heads");
  // A rehearsal changes nothing, so even a confirm-protected environment asks for no name.
  await expect(actions.dialog.getByTestId("confirm-name")).toHaveCount(0);
  await actions.confirm();
  await expect(actions.result).toHaveAttribute("data-code", "step-failed");
  await expect(actions.result.locator('[data-status="failed"]')).toHaveCount(1);
  await expect(actions.result).toContainText("already exists");
  await page.screenshot({ path: "test-results/screens/actions-rehearsal-failed.png" });
  expect(await rowsOf("legacy")).toBeNull();
});

test("stamps the unversioned legacy database", async ({ browser }) => {
  const page = await signedInAdmin(browser);
  const actions = new ActionsPage(page);
  await actions.goto("legacy");
  await actions.previewAction("stamp", "7b90e2d4c6a3");
  await expect(actions.preview.getByTestId("version-ops")).toContainText("insert 7b90e2d4c6a3");
  await expect(actions.preview.getByTestId("preview-rows-after")).toHaveAttribute("data-rows", "7b90e2d4c6a3");
  await actions.confirm("legacy");
  await expect(actions.result).toHaveAttribute("data-ok", "true");
  await page.screenshot({ path: "test-results/screens/actions-stamp-legacy.png" });
  await actions.close();
  expect(await rowsOf("legacy")).toEqual(["7b90e2d4c6a3"]);
  await expect(page.getByTestId("env-legacy")).toHaveAttribute("data-status", "behind");
});

test("merges the divergent heads of shop into a new file, leaving one head", async ({ browser, graphView }) => {
  const before = await graphView("shop");
  expect(before.heads.length).toBe(2);
  const page = await signedInAdmin(browser);
  await page.goto("/projects/shop");
  await page.getByTestId("merge-open").click();
  await page.getByTestId("merge-message").fill("x".repeat(201));
  await page.getByTestId("merge-submit").click();
  await expect(page.getByTestId("merge-dialog").getByTestId("action-error")).toHaveAttribute("data-code", "invalid:input");
  await page.getByTestId("merge-message").fill("merge promotions and reviews");
  await page.getByTestId("merge-branchLabel").fill("a'; drop table x");
  await page.getByTestId("merge-submit").click();
  await expect(page.getByTestId("merge-dialog").getByTestId("action-error")).toBeVisible();
  expect(readdirSync(SHOP_DIR).sort()).toEqual([...shopFiles].sort());
  await page.getByTestId("merge-branchLabel").fill("");
  await page.getByTestId("merge-submit").click();
  const result = page.getByTestId("merge-result");
  await expect(result).toBeVisible();
  await expect(result.getByTestId("merge-heads-after")).toHaveAttribute("data-count", "1");
  // The result shows the file as written and says it must be committed.
  await expect(result.getByTestId("merge-commit-note")).toContainText("commit");
  await expect(result.getByTestId("merge-content")).toContainText(`revision: ${await result.getAttribute("data-revision")}`);
  await page.screenshot({ path: "test-results/screens/actions-merge.png" });
  const written = await result.getByTestId("merge-path").textContent();
  expect(readdirSync(SHOP_DIR)).toContain(path.basename(written ?? "?"));
  const after = await graphView("shop");
  expect(after.heads).toEqual([await result.getAttribute("data-revision")]);
});

test("a viewer sees no buttons, and a forged confirmation is refused", async ({ browser, page }) => {
  // The default context is the trusted-proxy viewer.
  const viewer = new ActionsPage(page);
  await viewer.goto("prod");
  await expect(viewer.panel).toHaveAttribute("data-empty", "true");
  await expect(page.locator('[data-testid^="action-"]')).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/actions-viewer.png" });

  // Capture a real confirmation as an admin, without letting it through.
  const admin = await signedInAdmin(browser);
  const actions = new ActionsPage(admin);
  await actions.goto("prod");
  await actions.previewAction("upgrade", "heads");
  let captured: Request | null = null;
  await admin.route("**/environments/prod", async (route) => {
    if (route.request().method() === "POST" && (await route.request().postData())?.includes("expectedRows")) {
      captured = route.request();
      await route.abort();
    } else await route.continue();
  });
  await actions.dialog.getByTestId("confirm-name").fill("prod");
  await actions.dialog.getByTestId("confirm-submit").click();
  await expect.poll(() => captured !== null).toBe(true);
  const before = await rowsOf("prod");
  const forged = captured as unknown as Request;
  const response = await page.request.fetch(forged.url(), {
    method: "POST",
    headers: { ...(await forged.allHeaders()), cookie: "", "x-retort-e2e-user": "e2e-viewer", "x-retort-proxy-secret": process.env.E2E_PROXY_SECRET ?? "" },
    data: forged.postDataBuffer() ?? undefined,
  });
  expect(await response.text()).toContain("forbidden:upgrade");
  expect(await rowsOf("prod")).toEqual(before);
  const audit = await sql<{ actor: string; error: string }>("prod", "SELECT actor, error FROM retort_audit WHERE result = 'refused' ORDER BY id DESC LIMIT 1");
  expect(audit[0]).toMatchObject({ actor: "e2e-viewer", error: expect.stringContaining("forbidden:upgrade") });
});

// The approval flow between two admins is in approvals.spec.ts.
