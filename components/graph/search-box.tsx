"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { EnvironmentView, RevisionNodeView } from "@/lib/core/view/view-types";
import { RevisionId } from "./revision-id";
import { searchEnvironments, searchRevisions } from "./search";
import { setSearchParams } from "./url-state";

/** `/` (outside a text field) or Ctrl/⌘+K puts the cursor in the graph's search. */
function useSearchShortcut(input: React.RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target?.closest("input, textarea, select, [contenteditable='true']") !== null && target !== null;
      const slash = e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey;
      const ctrlK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k";
      if (!slash && !ctrlK) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [input]);
}

/**
 * Jumps to a revision by id prefix, branch label or message, or to where an environment stands
 * (by name); the revision goes to ?q=, an environment also to ?env=.
 */
export function SearchBox({ revisions, environments, initial }: { revisions: readonly RevisionNodeView[]; environments: readonly EnvironmentView[]; initial: string }) {
  const [text, setText] = useState(initial);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  useSearchShortcut(input);
  const matches = useMemo(() => searchRevisions(revisions, text), [revisions, text]);
  const envMatches = useMemo(() => searchEnvironments(environments, text), [environments, text]);

  const choose = (value: string) => {
    setText(value);
    setOpen(false);
    setSearchParams({ q: value }, "push");
  };
  const chooseEnvironment = (env: EnvironmentView) => {
    setText(env.rows[0] ?? "");
    setOpen(false);
    setSearchParams({ env: env.name, q: env.rows[0] ?? null }, "push");
  };

  return (
    <form
      role="search"
      className="relative w-full sm:w-80"
      onSubmit={(e) => {
        e.preventDefault();
        if (matches[0] || !envMatches[0]) choose(matches[0]?.revision ?? text);
        else chooseEnvironment(envMatches[0]);
      }}
    >
      <input
        ref={input}
        data-testid="graph-search"
        type="search"
        value={text}
        placeholder="Revision, label, message or env…  ( / )"
        aria-label="Search revisions"
        aria-controls={listId}
        aria-expanded={open && matches.length + envMatches.length > 0}
        aria-keyshortcuts="/ Control+K"
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
          {matches.length + envMatches.length === 0 && <li className="px-3 py-2 text-zinc-500">No revision or environment matches.</li>}
          {envMatches.map((env) => (
            <li key={`env:${env.name}`} role="option" aria-selected={false}>
              <button
                type="button"
                data-testid="search-env-result"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => chooseEnvironment(env)}
                className="flex w-full items-center gap-2 px-3 py-1.5 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                <span className="shrink-0 rounded bg-emerald-100 px-1.5 text-xs font-medium text-emerald-900 dark:bg-emerald-500/20 dark:text-emerald-200">env</span>
                <span className="truncate font-medium">{env.name}</span>
                <span className="truncate text-zinc-600 dark:text-zinc-400">{env.rows.length ? `at ${env.rows.map((r) => r.slice(0, 12)).join(", ")}` : "at base"}</span>
              </button>
            </li>
          ))}
          {matches.map((r) => (
            <li key={r.revision} role="option" aria-selected={false}>
              <button
                type="button"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(r.revision)}
                className="flex w-full items-center gap-2 px-3 py-1.5 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                <RevisionId id={r.revision} className="text-xs" />
                <span className="truncate text-zinc-600 dark:text-zinc-400">{r.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
