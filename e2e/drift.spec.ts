import type { Browser } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ActionsPage } from "./pages/actions-page";
import { contextAs } from "./pages/session";
import { demoSql as sql } from "./support/demo-db";

// Schema drift in the browser (issue 8): legacy (tables, no version table) shows its baseline
// guess and is stamped from it through the guarded stamp dialog; staging lists the index the
// demo's seed added by hand. Legacy is put back as seeded afterwards.

const LEGACY_AT = "7b90e2d4c6a3";
const ADMIN = "e2e-admin-drift";
/** scripts/demo-environments.ts's STAGING_HAND_INDEX (that module pulls in server code). */
const STAGING_HAND_INDEX = "customers_created_at_by_hand";

async function adminPage(browser: Browser, width = 1440, theme: "light" | "dark" = "light") {
  const context = await contextAs(browser, ADMIN, "admin", { width });
  await context.addCookies([{ name: "retort-theme", value: theme, url: test.info().project.use.baseURL! }]);
  return context.newPage();
}

test.describe.configure({ mode: "serial" });

test.afterAll(async () => {
  await sql("legacy", "DROP TABLE IF EXISTS alembic_version; DROP TABLE IF EXISTS retort_revision").catch(() => undefined);
});

test("legacy's drift page names the revision its tables match, best first, with 0 differences", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/environments/legacy/drift");
  const details = page.getByTestId("drift-details");
  await expect(details).toHaveAttribute("data-state", "baseline", { timeout: 90_000 });
  const first = page.getByTestId("baseline-candidate").first();
  await expect(first).toHaveAttribute("data-revision", LEGACY_AT);
  await expect(first).toHaveAttribute("data-differences", "0");
  await expect(first).toContainText("exact match");
  // Later candidates are further away, and their differences open on demand.
  const second = page.getByTestId("baseline-candidate").nth(1);
  expect(Number(await second.getAttribute("data-differences"))).toBeGreaterThan(0);
  await second.getByText("Show the differences").click();
  await expect(second.getByTestId("drift-difference").first()).toBeVisible();
  // The default e2e user is a viewer: no stamp button, only the reason.
  await expect(page.getByTestId("stamp-at")).toHaveCount(0);
  await expect(page.getByTestId("stamp-at-unavailable").first()).toBeVisible();
});

for (const [width, theme] of [[1440, "light"], [1440, "dark"], [390, "light"], [390, "dark"]] as const) {
  test(`legacy's and staging's drift pages at ${width} px, ${theme}`, async ({ browser }) => {
    const page = await adminPage(browser, width, theme);
    for (const env of ["legacy", "staging"]) {
      await page.goto(`/environments/${env}/drift`);
      await expect(page.getByTestId("drift-details")).toBeVisible({ timeout: 90_000 });
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, "no horizontal scrolling").toBeLessThanOrEqual(width);
      await page.screenshot({ path: `test-results/screens/drift-${env}-${width}-${theme}.png`, fullPage: true });
    }
    await page.context().close();
  });
}

test("staging's drift page lists the index added by hand, with the SQL that drops it", async ({ page }) => {
  await page.goto("/environments/staging/drift");
  await expect(page.getByTestId("drift-details")).toHaveAttribute("data-state", "differs", { timeout: 90_000 });
  const group = page.locator('[data-testid="drift-group"][data-table="customers"]');
  const index = group.locator(`[data-testid="drift-difference"][data-name="${STAGING_HAND_INDEX}"]`);
  await expect(index).toHaveAttribute("data-change", "extra");
  await expect(index).toHaveAttribute("data-kind", "index");
  await expect(index.getByTestId("drift-sql")).toHaveText(`DROP INDEX "${STAGING_HAND_INDEX}";`);
  await expect(index.getByTestId("copy-button")).toHaveAttribute("data-copy", `DROP INDEX "${STAGING_HAND_INDEX}";`);
  // The environment page says so too, and the overview card shows the last result.
  await page.goto("/environments/staging");
  await expect(page.getByTestId("env-drift").getByTestId("drift-summary")).toHaveAttribute("data-state", "differs", { timeout: 90_000 });
  await expect(page.getByTestId("env-drift").getByTestId("drift-summary")).toHaveAttribute("data-pending", "false");
  await page.goto("/");
  await expect(page.getByTestId("env-staging").getByTestId("drift-summary")).toHaveAttribute("data-state", "differs");
  await expect(page.getByTestId("env-staging").getByTestId("drift-summary")).toContainText(/\d+ differences?/);
});

test("an admin stamps legacy from its baseline guess; the page then says the schema matches", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await adminPage(browser);
  await page.goto("/environments/legacy/drift");
  const stamp = page.getByTestId("baseline-candidate").first().getByTestId("stamp-at");
  await expect(stamp).toHaveAttribute("data-target", LEGACY_AT, { timeout: 90_000 });
  await stamp.click();
  const actions = new ActionsPage(page);
  // The existing guarded dialog, with the candidate prefilled: preview, then the typed name.
  await expect(actions.targetInput).toHaveValue(LEGACY_AT);
  await actions.dialog.getByTestId("preview-submit").click();
  await expect(actions.preview.getByTestId("preview-rows-after")).toHaveAttribute("data-rows", LEGACY_AT);
  await expect(actions.dialog.getByTestId("confirm-submit")).toBeDisabled();
  await actions.confirm("legacy");
  await expect(actions.result).toHaveAttribute("data-ok", "true");
  await actions.close();
  await expect(page.getByTestId("drift-details")).toHaveAttribute("data-state", "matches", { timeout: 90_000 });
  await expect(page.getByTestId("drift-headline")).toHaveText(`Schema matches revision ${LEGACY_AT}`);
  expect((await sql("legacy", "SELECT version_num FROM alembic_version")).map((r) => r.version_num)).toEqual([LEGACY_AT]);
  // The stamp recorded the digests of what it marked applied.
  expect(Number((await sql("legacy", "SELECT count(*) AS n FROM retort_revision"))[0]!.n)).toBeGreaterThan(0);
  await page.screenshot({ path: "test-results/screens/drift-legacy-after-stamp.png", fullPage: true });
  await page.context().close();
});

test("the drift page of an unknown environment is a 404, and nobody signed out sees any drift", async ({ page, browser }) => {
  const missing = await page.goto("/environments/no-such-environment/drift");
  expect(missing?.status()).toBe(404);
  const anonymous = await browser.newContext({ extraHTTPHeaders: {} });
  const outside = await anonymous.newPage();
  await outside.goto("/environments/staging/drift");
  await expect(outside.getByTestId("drift-details")).toHaveCount(0);
  await expect(outside.getByText(STAGING_HAND_INDEX)).toHaveCount(0);
  await anonymous.close();
});
