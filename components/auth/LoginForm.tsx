"use client";

import { useActionState } from "react";

export type SignInState = {
  ok: false;
  code: "invalid:input" | "invalid-credentials" | "throttled" | "busy" | "unavailable";
  message: string;
  fieldErrors?: { name?: string[]; password?: string[] };
  /** The name as typed, so a failed attempt does not clear it. */
  name: string;
} | null;

type SignInAction = (previous: SignInState, formData: FormData) => Promise<SignInState>;

const inputClass =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs outline-none transition placeholder:text-zinc-400 focus:border-zinc-900 focus:ring-2 focus:ring-zinc-900/10 aria-invalid:border-rose-500 aria-invalid:focus:ring-rose-500/20 dark:border-zinc-700 dark:bg-zinc-950 dark:focus:border-zinc-300 dark:focus:ring-zinc-100/10";

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1.5 text-sm text-rose-600 dark:text-rose-400">
      {errors[0]}
    </p>
  );
}

export function LoginForm({ action, next }: { action: SignInAction; next?: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const nameErrors = state?.fieldErrors?.name;
  const passwordErrors = state?.fieldErrors?.password;
  return (
    <form action={formAction} className="space-y-5" noValidate data-testid="login-form">
      {next && <input type="hidden" name="next" value={next} />}
      {state && state.code !== "invalid:input" && (
        <div role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:border-rose-500/30 dark:bg-rose-500/10 dark:text-rose-300" data-testid="login-error">
          {state.message}
        </div>
      )}
      <div>
        <label htmlFor="login-name" className="mb-1.5 block text-sm font-medium">
          User name
        </label>
        <input
          id="login-name"
          name="name"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          defaultValue={state?.name ?? ""}
          aria-invalid={nameErrors ? true : undefined}
          aria-describedby={nameErrors ? "login-name-error" : undefined}
          className={inputClass}
          data-testid="login-name"
        />
        <FieldError id="login-name-error" errors={nameErrors} />
      </div>
      <div>
        <label htmlFor="login-password" className="mb-1.5 block text-sm font-medium">
          Password
        </label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={passwordErrors ? true : undefined}
          aria-describedby={passwordErrors ? "login-password-error" : undefined}
          className={inputClass}
          data-testid="login-password"
        />
        <FieldError id="login-password-error" errors={passwordErrors} />
      </div>
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className="flex w-full items-center justify-center rounded-md bg-zinc-900 px-3 py-2 text-sm font-medium text-white shadow-sm transition hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 disabled:cursor-wait disabled:opacity-70 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-white"
        data-testid="login-submit"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
