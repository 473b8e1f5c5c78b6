import { expect, test } from "./fixtures";
import { ActionsPage } from "./pages/actions-page";
import { contextAs } from "./pages/session";

// Guidance where the state is bad: what to do on an unknown revision (sandbox) and on an
// unversioned database (legacy), and a page for a revision a database names but the directory
// does not have. Reads only; changes nothing.

const ADMIN = "e2e-guidance-admin";

test("sandbox's unknown revision: says what happened, how out, and offers the purge stamp first", async ({ browser }) => {
  const page = await (await contextAs(browser, ADMIN, "admin")).newPage();
  const actions = new ActionsPage(page);
  await actions.goto("sandbox");
  const guidance = page.getByTestId("guidance");
  await expect(guidance).toHaveAttribute("data-state", "unknown-revision");
  await expect(guidance).toContainText("5e1d0c4b3a29");
  await expect(guidance).toContainText("stamp with purge");
  // The demo seeded sandbox behind Retort's back, so the audit log cannot say where it was.
  await expect(guidance.getByTestId("guidance-no-origin")).toBeVisible();
  const suggested = actions.panel.getByTestId("action-suggested");
  await expect(suggested).toHaveText("Stamp with purge…");
  await expect(actions.button("upgrade")).toHaveAttribute("data-primary", "false");
  await suggested.click();
  await expect(actions.purgeInput).toBeChecked();
  await expect(actions.targetInput).toBeFocused();
  await page.screenshot({ path: "test-results/screens/guidance-sandbox.png", fullPage: true });
});

test("legacy (unversioned): stamp is the primary action and an upgrade preview warns of the collision", async ({ browser }) => {
  const page = await (await contextAs(browser, ADMIN, "admin")).newPage();
  const actions = new ActionsPage(page);
  await actions.goto("legacy");
  await expect(page.getByTestId("guidance")).toHaveAttribute("data-state", "unversioned");
  await expect(actions.button("stamp")).toHaveAttribute("data-primary", "true");
  await expect(actions.button("upgrade")).toHaveAttribute("data-primary", "false");
  await actions.previewAction("upgrade", "heads");
  await expect(actions.warnings.first()).toContainText("has tables but no version rows");
  await expect(actions.warnings.first()).toContainText("Stamp the revision the schema is at instead");
  await page.screenshot({ path: "test-results/screens/guidance-legacy-upgrade.png", fullPage: true });
});

test("a revision in a database but not in the directory gets a page that says so and names the environments", async ({ page, overview }) => {
  await overview.goto();
  // The sandbox card's row links to it.
  await overview.envCard("sandbox").locator('[data-missing="true"]').click();
  await expect(page).toHaveURL(/\/projects\/shop\/revisions\/5e1d0c4b3a29$/);
  const missing = page.getByTestId("missing-revision");
  await expect(missing).toContainText("is in the version table of");
  await expect(missing).toContainText("has no revision file with that id");
  await expect(missing.getByTestId("missing-revision-env")).toHaveText(["sandbox"]);
  await page.screenshot({ path: "test-results/screens/guidance-missing-revision.png", fullPage: true });
  // An id nobody names is still a plain 404.
  await page.goto("/projects/shop/revisions/0000deadbeef");
  await expect(page.getByTestId("not-found")).toBeVisible();
});
