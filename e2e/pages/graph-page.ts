import type { Locator, Page } from "@playwright/test";

export class GraphPage {
  constructor(readonly page: Page) {}

  async goto(project: string, params: Record<string, string> = {}): Promise<void> {
    const query = new URLSearchParams(params).toString();
    await this.page.goto(`/projects/${project}${query ? `?${query}` : ""}`);
    await this.canvas.locator(".react-flow__node").first().waitFor();
  }

  get canvas(): Locator {
    return this.page.getByTestId("revision-graph");
  }

  node(revision: string): Locator {
    return this.page.getByTestId(`rev-${revision}`);
  }

  get heads(): Locator {
    return this.canvas.locator('[data-head="true"]');
  }

  get folds(): Locator {
    return this.canvas.locator('[data-testid^="fold-"]');
  }

  get problems(): Locator {
    return this.page.getByTestId("problems");
  }

  get pendingOrder(): Locator {
    return this.canvas.getByTestId("pending-order");
  }

  /** Zoom out to the whole graph (React Flow's own control), so every node is rendered. */
  async fitAll(): Promise<void> {
    await this.canvas.locator(".react-flow__controls-fitview").click();
  }

  async search(text: string): Promise<void> {
    const box = this.page.getByTestId("graph-search");
    await box.fill(text);
    await box.press("Enter");
  }

  async chooseEnvironment(name: string): Promise<void> {
    await this.page.getByTestId("env-selector").selectOption(name);
  }
}
