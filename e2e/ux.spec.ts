import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// What users expect besides the numbered items: status chips that filter the overview (the
// URL holds the filter), a theme toggle beside the system default, copy buttons for ids and
// commands, and a link to each revision's file when the project configures `repoUrl`.

const CONFIG = path.join(".retort", "e2e", "retort.config.json");

/** Clicks a theme as a person does (the label holding the icon) and checks the radio took it. */
async function chooseTheme(page: Page, name: string): Promise<void> {
  await page.getByTestId("theme-toggle").getByTitle(name).click();
  await expect(page.getByRole("radio", { name })).toBeChecked();
}

test("the status chips filter the overview, and the URL keeps the filter", async ({ page, overview }) => {
  await overview.goto();
  const all = await page.locator('[data-testid^="env-"][data-status]').count();
  const behind = page.getByTestId("status-chip-behind");
  const count = Number(await behind.getAttribute("data-count"));
  expect(count).toBeGreaterThan(0);
  await behind.click();
  await expect(page).toHaveURL(/\?status=behind$/);
  await expect(behind).toHaveAttribute("aria-current", "true");
  const cards = page.locator('[data-testid^="env-"][data-status]');
  await expect(cards).toHaveCount(count);
  for (const status of await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))) expect(status).toBe("behind");
  await expect(page.getByTestId("filter-note")).toContainText(`Showing ${count} of ${all}`);
  await page.screenshot({ path: "test-results/screens/overview-filtered.png", fullPage: true });
  await page.reload();
  await expect(cards).toHaveCount(count);
  await page.getByTestId("status-chip-all").click();
  await expect(page).toHaveURL(/\/$/);
  await expect(cards).toHaveCount(all);
});

test("the theme toggle switches light and dark, survives a reload, and goes back to the system default", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "system");
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const systemDark = await background();
  await chooseTheme(page, "Light theme");
  await expect(html).toHaveAttribute("data-theme", "light");
  const light = await background();
  expect(light).not.toBe(systemDark);
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "light");
  expect(await background()).toBe(light);
  await chooseTheme(page, "Dark theme");
  expect(await background()).toBe(systemDark);
  await chooseTheme(page, "System theme");
  await page.emulateMedia({ colorScheme: "light" });
  expect(await background()).toBe(light);
});

test("copy buttons put the id and the command on the clipboard", async ({ page, context, graphView }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const view = await graphView("shop");
  const revision = view.revisions[0]!.revision;
  await page.goto(`/projects/shop/revisions/${revision}`);
  const copy = page.getByRole("button", { name: "Copy the revision id" });
  await copy.click();
  await expect(copy).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(revision);
});

test("with repoUrl configured, a revision page links to its file in the repository", async ({ page, graphView }) => {
  const original = readFileSync(CONFIG, "utf8");
  const view = await graphView("shop");
  const revision = view.revisions[0]!;
  try {
    await page.goto(`/projects/shop/revisions/${revision.revision}`);
    await expect(page.getByTestId("revision-message")).toBeVisible();
    await expect(page.getByTestId("repo-link")).toHaveCount(0);
    const config = JSON.parse(original);
    config.projects.find((p: { name: string }) => p.name === "shop").repoUrl = "https://git.example.com/acme/shop/blob/{ref}/migrations/shop/{path}";
    config.projects.find((p: { name: string }) => p.name === "shop").repoRef = "release/1.4";
    writeFileSync(CONFIG, JSON.stringify(config, null, 2));
    await page.reload();
    const link = page.getByTestId("repo-link");
    await expect(link).toHaveAttribute("href", `https://git.example.com/acme/shop/blob/release/1.4/migrations/shop/${revision.path}`);
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
    await page.screenshot({ path: "test-results/screens/revision-repo-link.png" });
  } finally {
    writeFileSync(CONFIG, original);
  }
});
