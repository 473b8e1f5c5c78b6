import type { Locator, Page } from "@playwright/test";

export class EnvironmentPage {
  constructor(readonly page: Page) {}

  async goto(name: string): Promise<void> {
    await this.page.goto(`/environments/${name}`);
    await this.page.getByTestId("environment-summary").waitFor();
  }

  get steps(): Locator {
    return this.page.getByTestId("pending-steps").locator("details");
  }

  get actionsPanel(): Locator {
    return this.page.getByTestId("actions-panel");
  }
}
