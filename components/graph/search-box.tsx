"use client";

import { useId, useMemo, useState } from "react";
import type { RevisionNodeView } from "@/lib/core/view-types";
import { searchRevisions } from "./search";
import { setSearchParams } from "./url-state";

/** Jumps to a revision by id prefix, branch label or message; the choice goes to ?q=. */
export function SearchBox({ revisions, initial }: { revisions: readonly RevisionNodeView[]; initial: string }) {
  const [text, setText] = useState(initial);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const matches = useMemo(() => searchRevisions(revisions, text), [revisions, text]);

  const choose = (value: string) => {
    setText(value);
    setOpen(false);
    setSearchParams({ q: value }, "push");
  };

  return (
    <form
      role="search"
      className="relative w-full sm:w-80"
      onSubmit={(e) => {
        e.preventDefault();
        choose(matches[0]?.revision ?? text);
      }}
    >
      <input
        data-testid="graph-search"
        type="search"
        value={text}
        placeholder="Jump to revision, label or message…"
        aria-label="Search revisions"
        aria-controls={listId}
        aria-expanded={open && matches.length > 0}
        role="combobox"
        autoComplete="off"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        className="h-9 w-full rounded-lg border border-zinc-200 bg-white px-3 text-sm shadow-sm placeholder:text-zinc-400 focus:outline-none focus:ring-2 focus:ring-sky-500 dark:border-zinc-700 dark:bg-zinc-900"
      />
      {open && text.trim() !== "" && (
        <ul
          id={listId}
          role="listbox"
          data-testid="search-results"
          className="absolute z-20 mt-1 max-h-80 w-full overflow-auto rounded-lg border border-zinc-200 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {matches.length === 0 && <li className="px-3 py-2 text-zinc-500">No revision matches.</li>}
          {matches.map((r) => (
            <li key={r.revision} role="option" aria-selected={false}>
              <button
                type="button"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(r.revision)}
                className="flex w-full items-center gap-2 px-3 py-1.5 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                <code className="shrink-0 font-mono text-xs">{r.revision.slice(0, 12)}</code>
                <span className="truncate text-zinc-600 dark:text-zinc-400">{r.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
