"use client";

import { useState } from "react";

/** Copies `text` to the clipboard; says "Copied" for a moment, in words a screen reader hears. */
export function CopyButton({ text, label, className = "" }: { text: string; label: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      // No clipboard (plain http, denied permission): say so rather than pretend.
      setState("failed");
    }
    setTimeout(() => setState("idle"), 1500);
  }
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={label}
      title={label}
      data-testid="copy-button"
      data-copy={text}
      className={`inline-flex shrink-0 items-center gap-1 rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 ${className}`}
    >
      <svg viewBox="0 0 16 16" className="size-3.5" fill="currentColor" aria-hidden>
        {state === "copied" ? (
          <path d="M6.2 11.2 2.8 7.8l-1 1 4.4 4.4 8-8-1-1z" />
        ) : (
          <path d="M5 1h8a1 1 0 0 1 1 1v9h-1.5V2.5H5zM2 4h8a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H2a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Zm.5 1.5v8h7v-8z" />
        )}
      </svg>
      <span aria-live="polite" className={state === "idle" ? "sr-only" : "text-xs"}>
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : ""}
      </span>
    </button>
  );
}
