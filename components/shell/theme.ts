// The colour theme: the OS preference ("system", the default) or an explicit choice, kept in a
// cookie so the server renders <html data-theme> right and the first paint never flashes.

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = "retort-theme";

export function parseTheme(value: string | undefined): Theme {
  return THEMES.includes(value as Theme) ? (value as Theme) : "system";
}
