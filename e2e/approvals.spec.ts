import type { Page, Request } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ActionsPage } from "./pages/actions-page";
import { ApprovalsPage } from "./pages/approvals-page";
import { contextAs, proxyHeaders } from "./pages/session";
import { demoSql as sql } from "./support/demo-db";

// Approvals worth reviewing (issue 12 item 3): the request carries a reason; the approver sees
// each step's id, message and SQL, the rows before and after, times with their zone; approving
// takes a second confirmation, which the server insists on; the nav counts pending requests.

const REQUESTER = "e2e-appr-requester";
const APPROVER = "e2e-appr-approver";
const SEEDED_PREPROD = ["2a5d9c7e1f08"];
const REASON = "OPS-4711: the invoices report needs the refunds table";

const preprodRows = async () => (await sql<{ v: string }>("preprod", "SELECT version_num AS v FROM alembic_version ORDER BY 1")).map((r) => r.v);

test.describe.configure({ mode: "serial" });

const resetPreprod = () => sql("preprod", `DELETE FROM alembic_version; INSERT INTO alembic_version VALUES ('${SEEDED_PREPROD[0]}')`).catch(() => undefined);
test.beforeEach(resetPreprod);
test.afterAll(resetPreprod);

async function requestUpgrade(page: Page): Promise<string> {
  const actions = new ActionsPage(page);
  await actions.goto("preprod");
  await actions.previewAction("upgrade", "heads");
  await expect(actions.preview).toHaveAttribute("data-guard", "approval");
  // The reason is required: the button waits for it.
  await expect(actions.runButton).toBeDisabled();
  await actions.confirm(undefined, REASON);
  const created = actions.result.getByTestId("approval-created");
  await expect(created).toBeVisible();
  return (await created.getAttribute("data-approval-id"))!;
}

test("an approval shows the reason, each step's message and SQL, and the rows; approving asks for the typed name", async ({ browser, graphView }) => {
  const requester = await (await contextAs(browser, REQUESTER, "admin")).newPage();
  const id = await requestUpgrade(requester);
  expect(await preprodRows()).toEqual(SEEDED_PREPROD);

  const context = await contextAs(browser, APPROVER, "admin");
  const approver = await context.newPage();
  const approvals = new ApprovalsPage(approver);
  await approvals.goto();
  const badge = approver.getByTestId("site-header").getByTestId("pending-approvals");
  await expect(badge).toBeVisible();
  const pendingBefore = Number(await badge.getAttribute("data-count"));
  expect(pendingBefore).toBeGreaterThan(0);

  const item = approvals.item(id);
  await expect(item.getByTestId("approval-reason-text")).toContainText(REASON);
  await expect(item.getByTestId("approval-rows-before")).toHaveAttribute("data-rows", SEEDED_PREPROD.join(","));
  const graph = await graphView("shop");
  const messages = new Map(graph.revisions.map((r) => [r.revision, r.message]));
  const steps = item.getByTestId("approval-step");
  expect(await steps.count()).toBeGreaterThan(0);
  for (const step of await steps.all()) {
    const revision = (await step.getAttribute("data-revision"))!;
    await expect(step).toContainText(revision);
    await expect(step.getByTestId("approval-step-message")).toHaveText(messages.get(revision)!);
  }
  await steps.first().locator("summary").click();
  await expect(steps.first().getByTestId("approval-step-sql")).toContainText(/CREATE|ALTER|INSERT/i);
  const time = item.locator("time").first();
  await expect(time).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  expect(Number.isNaN(Date.parse((await time.getAttribute("datetime"))!))).toBe(false);

  // First click only opens the confirmation; the run button waits for the typed name.
  await item.getByTestId("approve").click();
  await expect(item.getByTestId("approve-submit")).toBeDisabled();
  await item.getByTestId("approve-name").fill("prepro");
  await expect(item.getByTestId("approve-submit")).toBeDisabled();
  for (const theme of ["light", "dark"] as const) {
    for (const width of [1440, 390]) {
      // The theme the cookie would give, without a reload (which would drop the typed name).
      await approver.evaluate((t) => document.documentElement.setAttribute("data-theme", t), theme);
      await approver.setViewportSize({ width, height: width < 640 ? 844 : 900 });
      await approver.screenshot({ path: `test-results/screens/approvals-review-${width}-${theme}.png`, fullPage: true });
    }
  }
  await approver.setViewportSize({ width: 1440, height: 900 });

  // A forged approval post without the typed name runs nothing, whatever the page showed.
  let captured: Request | null = null;
  await approver.route("**/approvals", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    captured = route.request();
    await route.abort();
  });
  await item.getByTestId("approve-name").fill("preprod");
  await item.getByTestId("approve-submit").click();
  await expect.poll(() => captured !== null).toBe(true);
  const original = captured as unknown as Request;
  const body = (original.postData() ?? "").replace(/(name="[^"]*confirmation"\r\n\r\n)preprod/, "$1");
  expect(body).not.toBe(original.postData());
  const forged = await approver.request.fetch(original.url(), { method: "POST", headers: { ...(await original.allHeaders()), ...proxyHeaders(APPROVER) }, data: body });
  expect(await forged.text()).toContain("confirm:mismatch");
  expect(await preprodRows()).toEqual(SEEDED_PREPROD);
  await approver.unroute("**/approvals");

  await approvals.goto();
  await expect(approvals.item(id)).toHaveAttribute("data-status", "pending");
  await approvals.approve(id, "preprod");
  await expect(approvals.item(id).getByTestId("action-result")).toHaveAttribute("data-ok", "true");
  expect(await preprodRows()).not.toEqual(SEEDED_PREPROD);
  await approvals.goto();
  await expect(approvals.item(id)).toHaveAttribute("data-status", "applied");
  const after = approver.getByTestId("site-header").getByTestId("pending-approvals");
  if (pendingBefore === 1) await expect(after).toHaveCount(0);
  else await expect(after).toHaveAttribute("data-count", String(pendingBefore - 1));
  await approver.screenshot({ path: "test-results/screens/approvals-applied-1440.png", fullPage: true });
  await Promise.all([requester.context().close(), context.close()]);
});

test("a request without a reason is refused on the server", async ({ browser }) => {
  const page = await (await contextAs(browser, REQUESTER, "admin")).newPage();
  const actions = new ActionsPage(page);
  await actions.goto("preprod");
  await actions.previewAction("upgrade", "heads");
  let captured: Request | null = null;
  await page.route("**/environments/preprod", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    captured = route.request();
    await route.abort();
  });
  await actions.dialog.getByTestId("approval-reason").fill("needed");
  await actions.runButton.click();
  await expect.poll(() => captured !== null).toBe(true);
  const original = captured as unknown as Request;
  const body = (original.postData() ?? "").replace(/(name="[^"]*reason"\r\n\r\n)needed/, "$1");
  const forged = await page.request.fetch(original.url(), { method: "POST", headers: { ...(await original.allHeaders()), ...proxyHeaders(REQUESTER) }, data: body });
  const text = await forged.text();
  expect(text).toContain("invalid:input");
  expect(text).toContain("Say why");
  await page.context().close();
});
