import type { APIRequestContext } from "@playwright/test";
import type { ProjectGraphView } from "../lib/core/view/view-types";
import { expect, test } from "./fixtures";
import { ActionsPage } from "./pages/actions-page";
import { contextAs } from "./pages/session";

// At 390 px (a phone), no page scrolls sideways, the header keeps Sign out and the role on
// screen, and the graph's canvas fits the viewport. Pages come from the server's own lists.

const WIDTH = 390;

async function everyPage(request: APIRequestContext): Promise<string[]> {
  const body = (await (await request.get("/api/environments")).json()) as { environments: Array<{ name: string; project: string }> };
  const projects = [...new Set(body.environments.map((e) => e.project))];
  const graphs = await Promise.all(projects.map(async (p) => (await (await request.get(`/api/projects/${p}/graph`)).json()) as ProjectGraphView));
  return [
    "/",
    ...body.environments.map((e) => `/environments/${e.name}`),
    ...projects.map((p) => `/projects/${p}`),
    ...graphs.map((g) => `/projects/${g.project}/revisions/${g.revisions.at(-1)!.revision}`),
    "/projects/shop/revisions/5e1d0c4b3a29",
    "/audit",
    "/approvals",
    "/no-such-page",
  ];
}

test("no page scrolls sideways at 390 px, and the header keeps the role and Sign out on screen", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const page = await (await contextAs(browser, "e2e-mobile-admin", "admin", { width: WIDTH })).newPage();
  const wide: string[] = [];
  for (const path of await everyPage(request)) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > WIDTH) wide.push(`${path}: scrollWidth ${width}`);
    for (const id of ["user-role", "sign-out", "theme-toggle", "home-link"]) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box, `${path}: ${id} is rendered`).not.toBeNull();
      expect(box!.x, `${path}: ${id} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, `${path}: ${id} ends on screen`).toBeLessThanOrEqual(WIDTH);
    }
  }
  expect(wide).toEqual([]);
});

test("the graph's canvas fits a 390 px screen", async ({ browser }) => {
  const page = await (await contextAs(browser, "e2e-mobile-admin", "admin", { width: WIDTH })).newPage();
  await page.goto("/projects/shop");
  const canvas = page.getByTestId("revision-graph");
  await canvas.locator(".react-flow__node").first().waitFor();
  const box = (await canvas.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
  await page.screenshot({ path: "test-results/screens/mobile-graph.png", fullPage: true });
});

test("the action dialog fits at 390 px, with its run button reachable", async ({ browser }) => {
  const page = await (await contextAs(browser, "e2e-mobile-admin", "admin", { width: WIDTH })).newPage();
  const actions = new ActionsPage(page);
  await actions.goto("prod");
  await actions.previewAction("upgrade", "heads");
  const dialog = (await actions.dialog.boundingBox())!;
  expect(dialog.x).toBeGreaterThanOrEqual(0);
  expect(dialog.x + dialog.width).toBeLessThanOrEqual(WIDTH);
  expect(await actions.dialog.evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
  await actions.runButton.scrollIntoViewIfNeeded();
  await expect(actions.runButton).toBeInViewport();
  await page.screenshot({ path: "test-results/screens/mobile-dialog.png" });
});
