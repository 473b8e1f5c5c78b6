import pg from "pg";
import { expect, test } from "./fixtures";
import { ActionsPage } from "./pages/actions-page";
import { contextAs } from "./pages/session";
import { demoUrl, demoRows as rowsOf } from "./support/demo-db";

// The action dialog shows exactly what will run: the typed target and the purge choice survive
// the preview, the run button names them, the plan and the result match them; the confirmation
// and rehearsal guards; focus moves into the dialog and back to its opener. Whatever a test
// changes in the demo, it puts back.

const ADMIN = "e2e-dialog-admin";

async function setRows(env: string, rows: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: demoUrl(env) });
  await client.connect();
  try {
    await client.query("DELETE FROM alembic_version");
    for (const row of rows) await client.query("INSERT INTO alembic_version VALUES ($1)", [row]);
  } finally {
    await client.end();
  }
}

test.describe.configure({ mode: "serial" });

test("upgrade to a typed revision: the target stays, the button names it, and that is what runs", async ({ browser }) => {
  const page = await (await contextAs(browser, ADMIN, "admin")).newPage();
  const actions = new ActionsPage(page);
  await actions.goto("qa");
  const before = await rowsOf("qa");
  await actions.previewAction("upgrade", "5f2a9b4e0c78");
  await expect(actions.targetInput).toHaveValue("5f2a9b4e0c78");
  await expect(actions.targetInput).toHaveAttribute("readonly", "");
  // qa has the promotions head: reaching 5f2a9b4e0c78 is the one step of the reviews branch.
  const steps = actions.preview.getByTestId("preview-steps").locator(":scope > li");
  await expect(steps).toHaveCount(1);
  await expect(steps.first()).toHaveAttribute("data-testid", "preview-step-5f2a9b4e0c78");
  const count = 1;
  await expect(actions.preview.getByTestId("preview-title")).toHaveText("Upgrade qa to 5f2a9b4e0c78: 1 step");
  await expect(actions.preview.getByTestId("preview-cli")).toHaveText("retort upgrade 5f2a9b4e0c78 --env qa");
  await expect(actions.runButton).toHaveText("Upgrade qa to 5f2a9b4e0c78");
  await expect(actions.runButton).toBeFocused();
  await page.screenshot({ path: "test-results/screens/dialog-upgrade-typed.png" });

  await actions.runButton.click();
  await expect(actions.result).toHaveAttribute("data-ok", "true", { timeout: 60_000 });
  await expect(actions.result.locator('[data-status="applied"]')).toHaveCount(count);
  expect(await rowsOf("qa")).toEqual([...before, "5f2a9b4e0c78"].sort());
  await actions.close();

  // Put qa back with the dialog's own downgrade (one step at a time), which must say it loses data.
  await actions.previewAction("downgrade", "reviews@-1");
  await expect(actions.preview.getByTestId("preview-sql-summary")).toContainText("alembic downgrade --sql");
  await expect(actions.warnings.first()).toContainText("Data loss");
  await expect(actions.runButton).toHaveText("Downgrade qa to reviews@-1");
  await page.screenshot({ path: "test-results/screens/dialog-downgrade-warning.png" });
  await actions.runButton.click();
  await expect(actions.result).toHaveAttribute("data-ok", "true", { timeout: 60_000 });
  expect(await rowsOf("qa")).toEqual(before);
});

test("a purge stamp keeps the box ticked, shows --purge, and purges", async ({ browser }) => {
  const page = await (await contextAs(browser, ADMIN, "admin")).newPage();
  const actions = new ActionsPage(page);
  await actions.goto("sandbox");
  const before = await rowsOf("sandbox");
  try {
    await actions.previewAction("stamp", "c8e4b1f3a075", { purge: true });
    await expect(actions.purgeInput).toBeChecked();
    await expect(actions.targetInput).toHaveValue("c8e4b1f3a075");
    await expect(actions.preview.getByTestId("preview-purge")).toContainText("--purge");
    await expect(actions.preview.getByTestId("preview-cli")).toHaveText("retort stamp c8e4b1f3a075 --purge --env sandbox");
    await expect(actions.runButton).toHaveText("Purge and stamp sandbox at c8e4b1f3a075");
    await actions.runButton.click();
    await expect(actions.result).toHaveAttribute("data-ok", "true");
    expect(await rowsOf("sandbox")).toEqual(["c8e4b1f3a075"]);
  } finally {
    await setRows("sandbox", before);
  }
});

test("Change goes back to the fields with what was typed", async ({ browser }) => {
  const page = await (await contextAs(browser, ADMIN, "admin")).newPage();
  const actions = new ActionsPage(page);
  await actions.goto("qa");
  await actions.previewAction("upgrade", "e09d3a7c1b56");
  await actions.dialog.getByTestId("preview-again").click();
  await expect(actions.targetInput).toHaveValue("e09d3a7c1b56");
  await expect(actions.targetInput).not.toHaveAttribute("readonly", "");
  await expect(actions.preview).toHaveCount(0);
});

test("the confirm button waits for the exact name; a typo keeps the preview", async ({ browser }) => {
  const page = await (await contextAs(browser, ADMIN, "admin")).newPage();
  const actions = new ActionsPage(page);
  await actions.goto("prod");
  await actions.previewAction("upgrade", "heads");
  await expect(actions.confirmName).toBeFocused();
  await expect(actions.runButton).toBeDisabled();
  await actions.confirmName.fill("prdo");
  await expect(actions.runButton).toBeDisabled();
  await expect(actions.preview).toBeVisible();
  await actions.confirmName.fill("prod");
  await expect(actions.runButton).toBeEnabled();
  await expect(actions.runButton).toHaveText("Upgrade prod to heads");
});

test("rehearsal needs no typed name and says which step it cannot reach", async ({ browser }) => {
  const page = await (await contextAs(browser, ADMIN, "admin")).newPage();
  const actions = new ActionsPage(page);
  await actions.goto("prod");
  const before = await rowsOf("prod");
  await actions.previewAction("rehearse", "heads");
  await expect(actions.confirmName).toHaveCount(0);
  // prod's path runs e1f6a8c3d529 (CREATE INDEX CONCURRENTLY, transactional: false) third.
  await expect(actions.warnings.first()).toContainText("Step 3 (e1f6a8c3d529) is not transactional");
  await expect(actions.warnings.first()).toContainText("only steps 1–2 will be rehearsed");
  await expect(actions.runButton).toHaveText("Rehearse upgrade of prod to heads");
  await page.screenshot({ path: "test-results/screens/dialog-rehearsal-warning.png" });
  await actions.runButton.click();
  await expect(actions.result).toHaveAttribute("data-code", "not-rehearsable", { timeout: 60_000 });
  expect(await rowsOf("prod")).toEqual(before);
});

test("the dialog focuses its first field and gives focus back to its opener", async ({ browser }) => {
  const page = await (await contextAs(browser, ADMIN, "admin")).newPage();
  const actions = new ActionsPage(page);
  await actions.goto("qa");
  await actions.button("downgrade").focus();
  await page.keyboard.press("Enter");
  await expect(actions.targetInput).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(actions.dialog).toHaveCount(0);
  await expect(actions.button("downgrade")).toBeFocused();
});
