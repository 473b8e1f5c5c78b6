"use client";

import { useState } from "react";
import { THEME_COOKIE, THEMES, type Theme } from "./theme";

const LABELS: Record<Theme, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };

const ICONS: Record<Theme, React.ReactNode> = {
  system: <path d="M2 3h12v8H2zM1 12.5h14V14H1zM3.5 4.5v5h9v-5z" fillRule="evenodd" />,
  light: (
    <path d="M8 4.5a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7ZM7.3 0h1.4v2.5H7.3zM7.3 13.5h1.4V16H7.3zM0 7.3h2.5v1.4H0zM13.5 7.3H16v1.4h-2.5zM2.1 3.1l1-1 1.8 1.8-1 1zM11.1 12.1l1-1 1.8 1.8-1 1zM2.1 12.9l1.8-1.8 1 1-1.8 1.8zM11.1 3.9l1.8-1.8 1 1-1.8 1.8z" />
  ),
  dark: <path d="M6.2 1.2A6.8 6.8 0 1 0 14.8 9.8 5.6 5.6 0 0 1 6.2 1.2Z" />,
};

/** System / light / dark, as a radio group; the choice lives in a cookie for a year. */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  function choose(next: Theme) {
    setTheme(next);
    document.documentElement.dataset.theme = next;
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
  }
  // Native radios: arrow keys move between them, as a screen reader expects of a radio group.
  return (
    <div role="radiogroup" aria-label="Colour theme" className="flex rounded-md border border-zinc-200 p-0.5 dark:border-zinc-700" data-testid="theme-toggle">
      {THEMES.map((option) => (
        <label
          key={option}
          title={LABELS[option]}
          className="cursor-pointer rounded p-1 text-zinc-600 hover:text-zinc-900 has-checked:bg-zinc-200 has-checked:text-zinc-900 has-focus-visible:outline-2 has-focus-visible:outline-sky-600 dark:text-zinc-400 dark:hover:text-zinc-100 dark:has-checked:bg-zinc-700 dark:has-checked:text-zinc-50"
        >
          <input
            type="radio"
            name="theme"
            value={option}
            checked={theme === option}
            onChange={() => choose(option)}
            aria-label={LABELS[option]}
            data-testid={`theme-${option}`}
            className="sr-only"
          />
          <svg viewBox="0 0 16 16" className="size-3.5" fill="currentColor" aria-hidden>
            {ICONS[option]}
          </svg>
        </label>
      ))}
    </div>
  );
}
