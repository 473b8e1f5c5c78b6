"use client";

import { useActionState } from "react";

export type SessionActionState = { ok: true } | { ok: false; code: string; message: string } | null;
type SessionAction = (previous: SessionActionState, formData: FormData) => Promise<SessionActionState>;

export interface AccountSession {
  publicId: string;
  via: string;
  createdAt: string;
  lastSeenAt: string;
  address: string | null;
  userAgent: string | null;
  current: boolean;
}

/** A short "Chrome on Linux"-like label; the full user agent is in the title. */
function browserOf(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = /Firefox\//.test(userAgent) ? "Firefox" : /Edg\//.test(userAgent) ? "Edge" : /Chrom(e|ium)\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : "Browser";
  const system = /Windows/.test(userAgent) ? "Windows" : /Mac OS X/.test(userAgent) ? "macOS" : /Android/.test(userAgent) ? "Android" : /Linux/.test(userAgent) ? "Linux" : /iPhone|iPad/.test(userAgent) ? "iOS" : null;
  return system ? `${browser} on ${system}` : browser;
}

// The same text on the server and in the browser (a locale-formatted date would differ and
// break hydration).
const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export function SessionList({ sessions, endAction }: { sessions: AccountSession[]; endAction: SessionAction }) {
  return (
    <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="session-list">
      {sessions.map((session) => (
        <li key={session.publicId} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm" data-testid="session" data-current={session.current}>
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2 font-medium">
              <span title={session.userAgent ?? undefined}>{browserOf(session.userAgent)}</span>
              {session.current && <span className="rounded bg-teal-100 px-1.5 py-px text-[11px] font-medium text-teal-800 dark:bg-teal-500/15 dark:text-teal-300">this session</span>}
            </div>
            <p className="mt-0.5 text-xs text-zinc-500">
              {session.address ?? "unknown address"} · signed in {when(session.createdAt)} by {session.via === "link" ? "one-time link" : "password"} · last used {when(session.lastSeenAt)}
            </p>
          </div>
          {!session.current && <EndSession publicId={session.publicId} action={endAction} />}
        </li>
      ))}
    </ul>
  );
}

function EndSession({ publicId, action }: { publicId: string; action: SessionAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) return <span className="text-xs text-zinc-500">Signed out</span>;
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="publicId" value={publicId} />
      {state && !state.ok && <span role="alert" className="text-xs text-rose-600">{state.message}</span>}
      <button type="submit" disabled={pending} className="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800" data-testid="end-session">
        {pending ? "Signing out…" : "Sign out"}
      </button>
    </form>
  );
}
