import { expect, type Locator, type Page } from "@playwright/test";

/** The environment page's action panel and its preview/confirm dialog. */
export class ActionsPage {
  constructor(readonly page: Page) {}

  async goto(env: string): Promise<void> {
    await this.page.goto(`/environments/${env}`);
    await this.page.getByTestId("actions-panel").waitFor();
  }

  get panel(): Locator {
    return this.page.getByTestId("actions-panel");
  }

  button(kind: "upgrade" | "downgrade" | "stamp" | "rehearse"): Locator {
    return this.page.getByTestId(`action-${kind}`);
  }

  get dialog(): Locator {
    return this.page.getByTestId("action-dialog");
  }

  get preview(): Locator {
    return this.dialog.getByTestId("preview");
  }

  get result(): Locator {
    return this.dialog.getByTestId("action-result");
  }

  /** Open a dialog, type the target and preview. */
  async previewAction(kind: "upgrade" | "downgrade" | "stamp" | "rehearse", target: string, options: { purge?: boolean } = {}): Promise<void> {
    await this.button(kind).click();
    await this.dialog.getByTestId("target-input").fill(target);
    if (options.purge) await this.dialog.getByTestId("purge-input").check();
    await this.dialog.getByTestId("preview-submit").click();
    await expect(this.preview).toBeVisible();
  }

  /** Confirm the previewed action, typing the environment's name (or, for approval, a reason) when asked. */
  async confirm(typedName?: string, reason?: string): Promise<void> {
    if (typedName !== undefined) await this.dialog.getByTestId("confirm-name").fill(typedName);
    if (reason !== undefined) await this.dialog.getByTestId("approval-reason").fill(reason);
    await this.dialog.getByTestId("confirm-submit").click();
    await expect(this.result).toBeVisible({ timeout: 60_000 });
  }

  async close(): Promise<void> {
    await this.dialog.getByTestId("result-close").click();
  }

  get targetInput(): Locator {
    return this.dialog.getByTestId("target-input");
  }

  get purgeInput(): Locator {
    return this.dialog.getByTestId("purge-input");
  }

  get confirmName(): Locator {
    return this.dialog.getByTestId("confirm-name");
  }

  /** The button that runs (or requests approval of) the previewed action. */
  get runButton(): Locator {
    return this.dialog.getByTestId("confirm-submit");
  }

  get warnings(): Locator {
    return this.preview.getByTestId("preview-warning");
  }

  stepStatus(revision: string): Locator {
    return this.result.getByTestId(`result-step-${revision}`);
  }
}
