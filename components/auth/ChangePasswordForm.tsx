"use client";

import { useActionState } from "react";

export type PasswordChangeState =
  | { ok: true; ended: number }
  | { ok: false; code: string; message: string; fieldErrors?: Partial<Record<"current" | "next" | "repeat", string[]>> }
  | null;

type PasswordChangeAction = (previous: PasswordChangeState, formData: FormData) => Promise<PasswordChangeState>;

const inputClass =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs outline-none transition focus:border-zinc-900 focus:ring-2 focus:ring-zinc-900/10 aria-invalid:border-rose-500 dark:border-zinc-700 dark:bg-zinc-950 dark:focus:border-zinc-300";

const FIELDS = [
  { name: "current", label: "Current password", autoComplete: "current-password" },
  { name: "next", label: "New password", autoComplete: "new-password", hint: "At least 10 characters, not a common password, not your user name." },
  { name: "repeat", label: "New password, again", autoComplete: "new-password" },
] as const;

/** Change one's own password; every other session is signed out, this one stays. */
export function ChangePasswordForm({ action }: { action: PasswordChangeAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  return (
    <form action={formAction} className="max-w-sm space-y-4" noValidate data-testid="change-password-form">
      {state?.ok && (
        <p role="status" className="rounded-md border border-teal-200 bg-teal-50 px-3 py-2 text-sm text-teal-900 dark:border-teal-500/30 dark:bg-teal-500/10 dark:text-teal-200" data-testid="password-changed">
          Password changed. {state.ended === 0 ? "You had no other sessions." : `${state.ended} other session${state.ended === 1 ? "" : "s"} signed out.`}
        </p>
      )}
      {state && !state.ok && !state.fieldErrors && (
        <p role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:border-rose-500/30 dark:bg-rose-500/10 dark:text-rose-300" data-testid="password-error">{state.message}</p>
      )}
      {FIELDS.map((field) => {
        const fieldErrors = errors[field.name];
        const describedBy = [fieldErrors ? `${field.name}-error` : null, "hint" in field ? `${field.name}-hint` : null].filter(Boolean).join(" ") || undefined;
        return (
          <div key={field.name}>
            <label htmlFor={`password-${field.name}`} className="mb-1.5 block text-sm font-medium">{field.label}</label>
            <input id={`password-${field.name}`} name={field.name} type="password" autoComplete={field.autoComplete} required
              aria-invalid={fieldErrors ? true : undefined} aria-describedby={describedBy} className={inputClass} data-testid={`password-${field.name}`} />
            {"hint" in field && <p id={`${field.name}-hint`} className="mt-1 text-xs text-zinc-500">{field.hint}</p>}
            {fieldErrors && <p id={`${field.name}-error`} className="mt-1.5 text-sm text-rose-600 dark:text-rose-400">{fieldErrors[0]}</p>}
          </div>
        );
      })}
      <button type="submit" disabled={pending} className="rounded-md bg-zinc-900 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-zinc-800 disabled:opacity-70 dark:bg-zinc-100 dark:text-zinc-900" data-testid="change-password">
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
