import type { Locator, Page } from "@playwright/test";

export class OverviewPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/");
    await this.page.getByTestId("environment-grid").waitFor();
  }

  envCard(name: string): Locator {
    return this.page.getByTestId(`env-${name}`);
  }

  headsBanner(project: string): Locator {
    return this.page.getByTestId(`heads-banner-${project}`);
  }

  projectLink(project: string): Locator {
    return this.page.getByTestId(`project-${project}`);
  }
}
