"use client";

import { setSearchParams } from "./url-state";

/** Centres the graph on where the chosen environment stands (its version rows). */
export function JumpToEnvironment({ name, rows }: { name: string; rows: readonly string[] }) {
  if (rows.length === 0) return null;
  return (
    <button
      type="button"
      data-testid="jump-to-env"
      onClick={() => setSearchParams({ q: rows[0]! }, "push")}
      className="h-9 rounded-lg border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-900 shadow-sm hover:bg-zinc-50 focus:outline-none focus:ring-2 focus:ring-sky-500 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
    >
      Jump to {name}
    </button>
  );
}
