import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "@playwright/test";

export type ThemeChoice = "light" | "dark";

/** Chooses the theme the way the toggle does: the cookie the server reads for <html data-theme>. */
export async function useTheme(context: BrowserContext, baseURL: string, theme: ThemeChoice): Promise<void> {
  await context.addCookies([{ name: "retort-theme", value: theme, url: baseURL }]);
}

/** WCAG 2.x A and AA violations on the page as it is now, one readable line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((node) => `${v.id}: ${node.target.join(" ")} — ${node.failureSummary?.split("\n").slice(1, 2).join(" ").trim() ?? v.help}`),
  );
}

/**
 * Violations in files other engineers own and are changing now (the lead merges them), each
 * with its one-token fix. They are reported as annotations on the test instead of failing it;
 * delete an entry once its fix lands and the check covers that element again.
 */
export const KNOWN_ELSEWHERE: Array<{ page: RegExp; line: RegExp; owner: string; fix: string }> = [
  { page: /^\/login$/, line: /^color-contrast: (\.mt-6|code)/, owner: "app/login/page.tsx", fix: "footnote text-zinc-500 → text-zinc-600 dark:text-zinc-400" },
];

/** Splits violations into those to fail on and those known to be fixed elsewhere. */
export function triage(path: string, lines: string[]): { failures: string[]; known: string[] } {
  const isKnown = (line: string) => KNOWN_ELSEWHERE.some((k) => k.page.test(path) && k.line.test(line));
  return { failures: lines.filter((l) => !isKnown(l)).map((l) => `${path}: ${l}`), known: lines.filter(isKnown).map((l) => `${path}: ${l}`) };
}
