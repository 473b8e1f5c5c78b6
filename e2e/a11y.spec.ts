import type { ProjectGraphView } from "../lib/core/view/view-types";
import { expect, test } from "./fixtures";
import { ActionsPage } from "./pages/actions-page";
import { axeViolations, triage, useTheme, type ThemeChoice } from "./pages/a11y";
import { contextAs } from "./pages/session";

// An automated WCAG 2.1 A/AA check (axe-core: contrast, names, roles, landmarks) on every page
// of the demo, in the light and the dark theme. Environments and projects are read from the
// server, so an environment added to the demo is checked without touching this file.

const THEMES: ThemeChoice[] = ["light", "dark"];
const ADMIN = "e2e-admin-a11y";

async function demoPages(request: import("@playwright/test").APIRequestContext): Promise<string[]> {
  const envs = (await (await request.get("/api/environments")).json()) as { environments?: Array<{ name: string; project: string }> } | Array<{ name: string; project: string }>;
  const list = Array.isArray(envs) ? envs : (envs.environments ?? []);
  const projects = [...new Set(list.map((e) => e.project))];
  const graphs = await Promise.all(projects.map(async (p) => (await (await request.get(`/api/projects/${p}/graph`)).json()) as ProjectGraphView));
  const revisionPages = graphs.map((g) => `/projects/${g.project}/revisions/${g.revisions[0]!.revision}`);
  return [
    "/",
    "/?status=behind",
    ...list.map((e) => `/environments/${e.name}`),
    // Drift pages: a baseline search (legacy) and a list of differences (staging).
    "/environments/legacy/drift",
    "/environments/staging/drift",
    ...projects.map((p) => `/projects/${p}`),
    ...revisionPages,
    "/projects/shop/revisions/5e1d0c4b3a29",
    "/audit",
    "/approvals",
    "/environments/no-such-environment",
  ];
}

for (const theme of THEMES) {
  test(`every page passes axe's WCAG AA checks in the ${theme} theme`, async ({ page, context, baseURL, request }) => {
    test.setTimeout(240_000);
    await useTheme(context, baseURL!, theme);
    const pages = await demoPages(request);
    expect(pages.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await page.waitForLoadState("networkidle");
      const found = triage(path, await axeViolations(page));
      failures.push(...found.failures);
      for (const known of found.known) test.info().annotations.push({ type: "known-elsewhere", description: known });
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });

  test(`the sign-in page and the action dialog pass axe in the ${theme} theme`, async ({ browser, baseURL }) => {
    const anonymous = await browser.newContext({ extraHTTPHeaders: {} });
    await useTheme(anonymous, baseURL!, theme);
    const login = await anonymous.newPage();
    await login.goto("/login");
    const signIn = triage("/login", await axeViolations(login));
    for (const known of signIn.known) test.info().annotations.push({ type: "known-elsewhere", description: known });
    expect(signIn.failures).toEqual([]);

    const admin = await contextAs(browser, ADMIN, "admin");
    await useTheme(admin, baseURL!, theme);
    const page = await admin.newPage();
    const actions = new ActionsPage(page);
    // A downgrade preview: the warning, the steps and the SQL summary are all on screen.
    await actions.goto("dev");
    await actions.previewAction("downgrade", "reviews@-1");
    await actions.preview.locator("details").first().locator("summary").click();
    expect(await axeViolations(page)).toEqual([]);
  });
}
