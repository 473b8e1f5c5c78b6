import { expect, type Locator, type Page } from "@playwright/test";

/** The approvals page: one request, and its two-step approval (open, type the name, run). */
export class ApprovalsPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/approvals");
  }

  item(id: string): Locator {
    return this.page.getByTestId(`approval-${id}`);
  }

  /** Approve `id`, typing `env` in the confirmation; waits for the run's result. */
  async approve(id: string, env: string): Promise<void> {
    const item = this.item(id);
    await item.getByTestId("approve").click();
    await item.getByTestId("approve-name").fill(env);
    await item.getByTestId("approve-submit").click();
    await expect(item.getByTestId("action-result")).toBeVisible({ timeout: 60_000 });
  }
}
