import { DEMO_STATUSES, expect, test } from "./fixtures";

test.describe("overview", () => {
  test("shows every demo environment with its status", async ({ overview, snap }) => {
    await overview.goto();
    for (const [name, status] of Object.entries(DEMO_STATUSES)) {
      await expect(overview.envCard(name), name).toHaveAttribute("data-status", status);
    }
    await expect(overview.envCard("prod").getByTestId("status-badge")).toHaveText(/Behind \d+/);
    await snap("overview");
  });

  test("health says when the start-up warm-up is done", async ({ request }) => {
    // The server loads every project and reads every environment in the background at start; health reports when that is done.
    await expect.poll(async () => ((await (await request.get("/api/health")).json()) as { warm?: boolean }).warm, { timeout: 30_000 }).toBe(true);
  });

  test("explains why an environment is unreachable", async ({ overview }) => {
    await overview.goto();
    const reason = overview.envCard("analytics").getByTestId("unreachable-reason");
    await expect(reason).toBeVisible();
    await expect(reason).not.toHaveText(/^\s*$/);
  });

  test("warns about a project with several heads and lists them", async ({ overview, graphView }) => {
    const shop = await graphView("shop");
    expect(shop.heads.length).toBeGreaterThan(1);
    await overview.goto();
    const banner = overview.headsBanner("shop");
    await expect(banner).toBeVisible();
    await expect(banner.getByTestId("banner-head")).toHaveCount(shop.heads.length);
    for (const head of shop.heads) await expect(banner).toContainText(head.slice(0, 12));
  });

  test("links each project to its graph", async ({ overview, page }) => {
    await overview.goto();
    await overview.projectLink("shop").click();
    await expect(page).toHaveURL(/\/projects\/shop$/);
    await expect(page.getByTestId("revision-graph")).toBeVisible();
  });
});

test.describe("revision graph", () => {
  test("marks every head and puts dev's badge on each real head", async ({ graph, graphView, snap }) => {
    const shop = await graphView("shop");
    await graph.goto("shop");
    await expect(graph.heads).toHaveCount(shop.heads.length);
    for (const head of shop.realHeads) {
      await expect(graph.node(head)).toHaveAttribute("data-head", "true");
      await expect(graph.node(head).getByTestId("env-badge-dev")).toBeVisible();
    }
    await snap("graph-shop");
  });

  test("highlights what an environment has applied and numbers its pending path", async ({ graph, page, request, snap }) => {
    const { environments } = (await (await request.get("/api/environments")).json()) as {
      environments: Array<{ name: string; rows: string[]; pending: string[] }>;
    };
    const prod = environments.find((e) => e.name === "prod")!;
    await graph.goto("shop", { env: "prod" });
    const pending = page.getByTestId("pending-path");
    await expect(pending.locator("li")).toHaveCount(Math.min(prod.pending.length, 12));
    await expect(graph.node(prod.pending.at(-1)!).getByTestId("pending-order")).toHaveText(String(prod.pending.length));
    await snap("graph-shop-prod");

    await graph.search(prod.rows[0]);
    await expect(graph.node(prod.rows[0])).toBeInViewport();
    await expect(graph.node(prod.rows[0])).toHaveAttribute("data-state", "applied");
    await snap("graph-shop-prod-row");
  });

  test("switching environment updates the URL", async ({ graph, page }) => {
    await graph.goto("shop");
    await graph.chooseEnvironment("staging");
    await expect(page).toHaveURL(/env=staging/);
    await expect(page.getByTestId("pending-path")).toContainText("staging");
  });

  test("search expands the fold hiding a revision and centres it", async ({ graph, graphView, page, snap }) => {
    const shop = await graphView("shop");
    // The demo's runs are short, so fold every run of two or more.
    await graph.goto("shop", { fold: "2" });
    await graph.fitAll();
    const fold = graph.folds.first();
    await expect(fold, "the shop graph folds at least one linear run").toBeVisible();
    await snap("graph-shop-folded");
    const hidden = (await fold.getAttribute("data-fold-revisions"))!.split(" ");
    const target = shop.revisions.find((r) => r.revision === hidden[hidden.length - 1])!;
    await expect(graph.node(target.revision)).toHaveCount(0);

    await graph.search(target.revision.slice(0, 6));
    await expect(page).toHaveURL(new RegExp(`q=${target.revision}`));
    await expect(graph.node(target.revision)).toBeInViewport();
    await expect(graph.node(target.revision)).toContainText(target.revision.slice(0, 12));
  });

  test("clicking a revision opens its summary with a link to its page", async ({ graph, graphView, page }) => {
    const shop = await graphView("shop");
    const head = shop.heads[0];
    await graph.goto("shop");
    await graph.node(head).click();
    await expect(page).toHaveURL(new RegExp(`rev=${head}`));
    const panel = page.getByTestId("selected-revision");
    await expect(panel).toContainText(head);
    await panel.getByRole("link", { name: /open revision/i }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/shop/revisions/${head}$`));
  });

  test("search by message finds a revision", async ({ graph, graphView }) => {
    const shop = await graphView("shop");
    const target = shop.revisions[Math.floor(shop.revisions.length / 2)];
    await graph.goto("shop");
    await graph.search(target.message);
    await expect(graph.node(target.revision)).toBeInViewport();
  });

  test("a broken project renders with its problems listed", async ({ graph, page, request, snap }) => {
    expect((await request.get("/api/projects/broken/graph")).ok()).toBe(true);
    await graph.goto("broken");
    await expect(graph.problems).toBeVisible();
    await expect(graph.problems.getByTestId("problem").first()).toBeVisible();
    await expect(graph.problems).toContainText(/missing|cycle/i);
    await expect(page.getByTestId("rev-1b2c3d4e5f60")).toBeVisible();
    await expect(page.getByTestId("rev-3d4e5f607182")).toHaveAttribute("data-problem", "true");
    await snap("graph-broken");
  });
});

test.describe("revision and environment pages", () => {
  test("a revision page shows message, relations, source and where it is applied", async ({ page, graphView, snap }) => {
    const shop = await graphView("shop");
    const merge = shop.revisions.find((r) => r.isMergePoint)!;
    await page.goto(`/projects/shop/revisions/${merge.revision}`);
    await expect(page.getByTestId("revision-message")).toHaveText(merge.message);
    for (const parent of merge.downRevisions) await expect(page.getByTestId("parents")).toContainText(parent.slice(0, 12));
    await expect(page.getByTestId("applied-in")).toContainText("dev");
    await expect(page.getByTestId("source-viewer")).toContainText("migrate:up");
    await snap("revision-shop-merge");
  });

  test("an Alembic revision shows its Python source", async ({ page, graphView, snap }) => {
    const ledger = await graphView("ledger");
    await page.goto(`/projects/ledger/revisions/${ledger.heads[0]}`);
    await expect(page.getByTestId("source-viewer")).toHaveAttribute("data-language", "python");
    await expect(page.getByTestId("source-viewer")).toContainText("def upgrade");
    await snap("revision-ledger-head");
  });

  test("an environment page lists pending steps in order with their SQL", async ({ environment, page, snap }) => {
    await environment.goto("prod");
    await expect(page.getByTestId("env-prod")).toHaveAttribute("data-status", "behind");
    const steps = environment.steps;
    expect(await steps.count()).toBeGreaterThan(1);
    const first = steps.first();
    await expect(first.getByTestId("step-sql")).toBeHidden();
    await first.locator("summary").click();
    await expect(first.getByTestId("step-sql")).toBeVisible();
    // The dashboard specs browse as a viewer: the actions panel offers nothing to press.
    await expect(environment.actionsPanel).toBeVisible();
    await expect(environment.actionsPanel.getByRole("button")).toHaveCount(0);
    await snap("environment-prod");
  });

  test("unknown names show the not-found page", async ({ page }) => {
    // notFound() runs before any Suspense boundary streams, so monitors and scripts get a real 404.
    for (const url of ["/environments/no-such-env", "/projects/no-such-project", "/projects/shop/revisions/0000dead"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByTestId("not-found"), url).toBeVisible();
    }
  });
});

test("pages render in dark mode", async ({ browser, overview, snap }) => {
  const context = await browser.newContext({ colorScheme: "dark", viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByTestId("environment-grid")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/overview-dark.png", fullPage: true });
  await page.goto("/projects/shop?env=staging");
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  await page.screenshot({ path: "test-results/screens/graph-shop-staging-dark.png", fullPage: true });
  await context.close();
  void overview;
  void snap;
});
