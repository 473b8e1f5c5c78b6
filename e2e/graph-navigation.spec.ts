import { expect, type Page, test } from "@playwright/test";
import { useTheme } from "./pages/a11y";
import { type BigServer, idOf, NAMED_HEAD, STAGING_INDEX, startBigGraphServer } from "./support/big-graph-server";

// The large graph as a navigation tool, on 2,000 revisions served by a server of its own.
const PORT = Number(process.env.E2E_PORT ?? 3100) + 50;
const STAGING = idOf(STAGING_INDEX);
let server: BigServer;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startBigGraphServer(PORT);
});
test.afterAll(async () => server?.stop());

async function open(page: Page, query = ""): Promise<void> {
  await page.context().setExtraHTTPHeaders(server.headers);
  await page.goto(`${server.url}/projects/big${query}`);
  await page.getByTestId("revision-graph").locator(".react-flow__node").first().waitFor();
}

/** The node is drawn and inside the canvas's visible box. */
async function expectOnScreen(page: Page, revision: string): Promise<void> {
  const node = page.getByTestId(`rev-${revision}`);
  await expect(node).toBeVisible();
  await expect.poll(async () => {
    const canvas = await page.getByTestId("revision-graph").boundingBox();
    const box = await node.boundingBox();
    if (!canvas || !box) return false;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    return cx > canvas.x && cx < canvas.x + canvas.width && cy > canvas.y && cy < canvas.y + canvas.height;
  }).toBe(true);
}

test("finds an environment in search and jumps to where it stands", async ({ page }) => {
  await open(page);
  await expect(page.getByTestId(`rev-${STAGING}`)).toHaveCount(0);
  await page.getByTestId("graph-search").fill("staging");
  await page.getByTestId("search-env-result").filter({ hasText: "staging-big" }).click();
  await expect(page).toHaveURL(new RegExp(`env=staging-big.*q=${STAGING}|q=${STAGING}.*env=staging-big`));
  await expectOnScreen(page, STAGING);
  await expect(page.getByTestId("env-selector")).toHaveValue("staging-big");
});

test("the Jump button goes back to the environment after moving away", async ({ page }) => {
  await open(page, "?env=staging-big");
  await expect(page.getByTestId(`rev-${STAGING}`)).toHaveCount(0);
  await page.getByTestId("jump-to-env").click();
  await expectOnScreen(page, STAGING);
});

test("/ and Ctrl+K focus the search; Enter jumps, Enter on a focused node opens it", async ({ page }) => {
  await open(page);
  const search = page.getByTestId("graph-search");
  await page.locator("body").press("/");
  await expect(search).toBeFocused();
  await search.blur();
  await page.keyboard.press("Control+k");
  await expect(search).toBeFocused();
  const target = idOf(1200);
  await page.keyboard.type(target.slice(0, 8));
  await page.keyboard.press("Enter");
  await expectOnScreen(page, target);
  await page.locator(`.react-flow__node[data-id="${target}"]`).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`rev=${target}`));
  // The selected-revision panel shows the revision that was opened.
  await expect(page.getByText(target).first()).toBeVisible();
});

test("shows a non-hex id in full, with the whole id as a tooltip, and depends_on ends in an arrow", async ({ page }) => {
  await open(page);
  const id = page.getByTestId(`rev-${NAMED_HEAD}`).getByTestId("full-revision-id");
  await expect(id).toHaveAttribute("title", NAMED_HEAD);
  await expect(id).toHaveText(NAMED_HEAD);
  await page.getByTestId("fold-selector").selectOption("off");
  await page.getByTestId("graph-search").fill(idOf(218));
  await page.getByTestId("graph-search").press("Enter");
  await expect(page.locator(".react-flow__edge path[marker-end]").first()).toBeAttached();
});

test("keeps the revision in the middle of the view when the folding changes", async ({ page }) => {
  await open(page, `?q=${idOf(1500)}`);
  await expectOnScreen(page, idOf(1500));
  const before = await page.getByTestId(`rev-${idOf(1500)}`).boundingBox();
  await page.getByTestId("fold-selector").selectOption("8");
  await page.getByTestId("fold-selector").selectOption("off");
  const after = await page.getByTestId(`rev-${idOf(1500)}`).boundingBox();
  expect(Math.abs(after!.y - before!.y)).toBeLessThan(40);
});

for (const width of [1440, 390]) {
  for (const scheme of ["light", "dark"] as const) {
    test(`screenshot at ${width} px, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await useTheme(page.context(), server.url, scheme);
      await open(page, "?env=staging-big");
      await page.waitForTimeout(600);
      // Nothing of the first screen is cut off on the left.
      const canvas = await page.getByTestId("revision-graph").boundingBox();
      const first = await page.getByTestId("revision-graph").locator(".react-flow__node").first().boundingBox();
      expect(first!.x).toBeGreaterThanOrEqual(canvas!.x);
      await page.screenshot({ path: test.info().outputPath(`graph-${width}-${scheme}.png`), fullPage: false });
      await page.screenshot({ path: `test-results/graph-navigation-${width}-${scheme}.png` });
    });
  }
}

// The opening rows are server-rendered (components/graph/first-screen.tsx) so they show before the
// graph's script runs. With every script chunk blocked, what the HTML alone draws must sit where
// React Flow draws the same nodes once it runs, at a desktop and a phone width (whose fitView zooms out).
for (const width of [1440, 390]) {
  test(`the first screen is in the HTML, where React Flow then draws it (${width} px)`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, extraHTTPHeaders: server.headers });
    try {
      const bare = await context.newPage();
      await bare.route("**/_next/static/chunks/**/*.js", (route) => route.abort());
      await bare.goto(`${server.url}/projects/big`);
      const preview = bare.getByTestId("first-screen");
      await expect(preview.locator('[data-head="true"]').first()).toBeVisible();
      await expect(preview).toHaveAttribute("inert", "");
      const heads = await preview.locator('[data-head="true"]').evaluateAll((els) =>
        els.map((el) => ({ id: el.getAttribute("data-testid")!, box: el.getBoundingClientRect().toJSON() as DOMRect })),
      );
      expect(heads.length).toBeGreaterThan(0);
      await bare.close();

      const page = await context.newPage();
      await page.goto(`${server.url}/projects/big`);
      await page.getByTestId("revision-graph").locator(".react-flow__node").first().waitFor();
      await expect(page.getByTestId("first-screen")).toHaveCount(0);
      await page.waitForTimeout(300); // fitView has run
      for (const head of heads.filter((h) => h.box.y < 900)) {
        // One node per revision: the server-rendered copy is gone in the commit that draws React Flow's.
        await expect(page.getByTestId(head.id)).toHaveCount(1);
        const box = (await page.getByTestId(head.id).boundingBox())!;
        expect(Math.abs(box.x - head.box.x), `${head.id} x`).toBeLessThan(3);
        expect(Math.abs(box.y - head.box.y), `${head.id} y`).toBeLessThan(3);
        expect(Math.abs(box.width - head.box.width), `${head.id} width`).toBeLessThan(3);
      }
    } finally {
      await context.close();
    }
  });
}
