"use client";

import { setSearchParams } from "./url-state";

export const FOLD_CHOICES = [2, 4, 8] as const;
export const NEVER_FOLD = Number.MAX_SAFE_INTEGER;

/** ?fold=N: fold linear runs of at least N revisions; "off" shows every revision. */
export function parseFoldParam(value: string | null): number {
  if (value === "off") return NEVER_FOLD;
  const n = Number(value);
  return Number.isInteger(n) && n >= 2 ? n : 4;
}

export function FoldSelector({ value }: { value: number }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-zinc-600 dark:text-zinc-300">Fold runs</span>
      <select
        data-testid="fold-selector"
        value={value === NEVER_FOLD ? "off" : String(value)}
        onChange={(e) => setSearchParams({ fold: e.target.value === "4" ? null : e.target.value })}
        className="h-9 rounded-lg border border-zinc-300 bg-white px-2 pr-8 text-sm text-zinc-900 shadow-sm [color-scheme:light] focus:outline-none focus:ring-2 focus:ring-sky-500 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:[color-scheme:dark]"
      >
        {FOLD_CHOICES.map((n) => (
          <option key={n} value={String(n)}>
            of {n} or more
          </option>
        ))}
        <option value="off">never</option>
      </select>
    </label>
  );
}
