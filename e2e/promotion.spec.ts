import { expect, test } from "./fixtures";
import { ActionsPage } from "./pages/actions-page";
import { useTheme } from "./pages/a11y";
import { contextAs } from "./pages/session";
import { demoRows as rowsOf } from "./support/demo-db";

// Per-environment history and the promotion order (issue 12 item 5). The demo declares
// dev → staging → prod, prod with "promotion": "enforce": an upgrade of prod to revisions staging
// never had is warned in the preview and refused on the server (and recorded as refused).

const ADMIN = "e2e-promotion-admin";
const STAGING_ROW = "e1f6a8c3d529";

test.describe.configure({ mode: "serial" });

test("prod warns that staging never had the revisions, and refuses the upgrade on the server", async ({ browser }) => {
  const page = await (await contextAs(browser, ADMIN, "admin")).newPage();
  const actions = new ActionsPage(page);
  await actions.goto("prod");
  const before = await rowsOf("prod");
  await actions.previewAction("upgrade", "heads");
  const promotion = actions.warnings.filter({ hasText: "promotion order" });
  await expect(promotion.first()).toContainText("never applied in staging, which comes before prod");
  await expect(promotion.first()).toContainText("Refused when confirmed (prod enforces its promotion order)");
  await page.screenshot({ path: "test-results/screens/promotion-warning-1440.png" });
  await actions.confirm("prod");
  await expect(actions.result).toHaveAttribute("data-code", "promotion:refused");
  expect(await rowsOf("prod")).toEqual(before);
  await actions.close();

  // What staging has is in order: no promotion warning.
  await actions.previewAction("upgrade", STAGING_ROW);
  await expect(actions.warnings.filter({ hasText: "promotion order" })).toHaveCount(0);
  await actions.dialog.getByTestId("dialog-close").click();

  // The refusal is in prod's history, with who and when.
  await page.reload();
  const history = page.getByTestId("environment-history");
  await expect(history.getByTestId("promotion-order")).toHaveAttribute("data-mode", "enforce");
  await expect(history.getByTestId("promotion-order")).toContainText("dev → staging → prod");
  const refused = history.getByTestId("history-run").filter({ hasText: "promotion:refused" }).first();
  await expect(refused).toHaveAttribute("data-result", "refused");
  await expect(refused.getByTestId("history-actor")).toContainText(ADMIN);
  await expect(refused.locator("time")).toHaveText(/ UTC$/);
  await page.context().close();
});

test("an environment's history lists what was applied and reverted, when and by whom, linked to the revisions", async ({ browser, baseURL }) => {
  const context = await contextAs(browser, ADMIN, "admin");
  const page = await context.newPage();
  const actions = new ActionsPage(page);
  await actions.goto("qa");
  const before = await rowsOf("qa");
  await actions.previewAction("upgrade", "5f2a9b4e0c78");
  await actions.runButton.click();
  await expect(actions.result).toHaveAttribute("data-ok", "true", { timeout: 60_000 });
  await actions.close();
  await actions.previewAction("downgrade", "reviews@-1");
  await actions.runButton.click();
  await expect(actions.result).toHaveAttribute("data-ok", "true", { timeout: 60_000 });
  await actions.close();
  expect(await rowsOf("qa")).toEqual(before);

  await page.reload();
  const runs = page.getByTestId("environment-history").getByTestId("history-run");
  await expect(runs.nth(0)).toHaveAttribute("data-action", "downgrade");
  await expect(runs.nth(1)).toHaveAttribute("data-action", "upgrade");
  for (const i of [0, 1]) {
    await expect(runs.nth(i)).toHaveAttribute("data-result", "applied");
    await expect(runs.nth(i).getByTestId("history-actor")).toContainText(ADMIN);
    await expect(runs.nth(i).getByTestId("history-step")).toHaveAttribute("data-revision", "5f2a9b4e0c78");
  }
  await expect(runs.nth(1)).toContainText("applied 5f2a9b4e0c78");
  await expect(runs.nth(0)).toContainText("reverted 5f2a9b4e0c78");
  await expect(runs.nth(1).getByRole("link")).toHaveAttribute("href", "/projects/shop/revisions/5f2a9b4e0c78");
  for (const theme of ["light", "dark"] as const) {
    await useTheme(context, baseURL!, theme);
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width < 640 ? 844 : 900 });
      await page.goto("/environments/prod");
      await page.getByTestId("environment-history").scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screens/promotion-env-prod-${width}-${theme}.png`, fullPage: true });
    }
  }
  await context.close();
});
