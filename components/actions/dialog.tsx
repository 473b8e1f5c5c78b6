"use client";

import { useEffect, useRef } from "react";

const FIRST_FIELD = "input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled])";

/**
 * A modal dialog on the native <dialog> element: focus trapped, Escape closes it. It focuses its
 * first field (showModal alone would focus the close button) and, once closed, gives focus back
 * to whatever opened it.
 */
export function Dialog({ title, onClose, children, testId }: { title: string; onClose: () => void; children: React.ReactNode; testId: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      data-testid={testId}
      aria-labelledby={`${testId}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(56rem,calc(100vw-1rem))] max-h-[calc(100dvh-2rem)] overflow-y-auto rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="sticky top-0 z-10 flex items-center justify-between gap-3 border-b border-zinc-200 bg-white px-4 py-3 sm:px-5 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id={`${testId}-title`} className="text-base font-semibold">{title}</h2>
        <button type="button" onClick={onClose} className="shrink-0 rounded p-1 text-zinc-600 dark:text-zinc-400 hover:bg-zinc-100 dark:hover:bg-zinc-800" aria-label="Close" data-testid="dialog-close">
          <svg viewBox="0 0 16 16" className="size-4" fill="currentColor" aria-hidden>
            <path d="M3.7 3 8 7.3 12.3 3l.7.7L8.7 8l4.3 4.3-.7.7L8 8.7 3.7 13l-.7-.7L7.3 8 3 3.7z" />
          </svg>
        </button>
      </div>
      <div className="space-y-4 px-4 py-4 sm:px-5">{children}</div>
    </dialog>
  );
}

export function Button({ tone = "neutral", className = "", ...rest }: React.ComponentProps<"button"> & { tone?: "neutral" | "primary" | "danger" }) {
  const tones = {
    neutral: "border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800",
    // 700 shades: white text on them passes WCAG AA (4.5:1) in both themes.
    primary: "bg-sky-700 text-white hover:bg-sky-800",
    danger: "bg-rose-700 text-white hover:bg-rose-800",
  };
  return (
    <button
      {...rest}
      className={`inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:cursor-not-allowed disabled:opacity-60 ${tones[tone]} ${className}`}
    />
  );
}

export function Failure({ code, message, testId = "action-error" }: { code: string; message: string; testId?: string }) {
  return (
    <div role="alert" data-testid={testId} data-code={code} className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-500/30 dark:bg-rose-500/10 dark:text-rose-200">
      <span className="font-mono text-xs opacity-70">{code}</span>
      <p className="mt-0.5">{message}</p>
    </div>
  );
}

export function Rows({ label, rows, testId }: { label: string; rows: string[]; testId: string }) {
  return (
    <div>
      <div className="text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{label}</div>
      <div className="mt-1 flex flex-wrap gap-1" data-testid={testId} data-rows={rows.join(",")}>
        {rows.length === 0 ? (
          <span className="text-sm text-zinc-600 dark:text-zinc-400">(no rows)</span>
        ) : (
          rows.map((row) => (
            <code key={row} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">{row}</code>
          ))
        )}
      </div>
    </div>
  );
}
