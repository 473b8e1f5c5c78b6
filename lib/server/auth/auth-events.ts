import "server-only";
import type pg from "pg";
import { appendLocked } from "../meta/audit-chain";
import { metaTransaction, withMeta } from "../meta/pool";

// The auth log: sign-ins, failures, lockouts, sign-outs and account changes, in the metadata
// database (shown on the audit page), each also appended to the hash-chained audit trail.

export const AUTH_EVENT_KINDS = [
  "sign-in", "sign-in-failed", "sign-in-throttled", "locked-out", "sign-out", "sign-out-everywhere",
  "session-revoked", "password-changed", "role-changed", "user-added", "user-removed", "sign-in-link-created",
] as const;
export type AuthEventKind = (typeof AUTH_EVENT_KINDS)[number];

export interface AuthEvent {
  kind: AuthEventKind;
  /** The account concerned (as typed, for failures). */
  user: string | null;
  /** The client's address as the request gave it, when there was a request. */
  address?: string | null;
  detail?: string | null;
  /** Who did it, when not the user themselves (an admin at the CLI: `cli`). */
  actor?: string;
}

export interface AuthEventView extends Required<Omit<AuthEvent, "actor">> {
  id: string;
  at: string;
}

/** Record one event; with `client`, inside the caller's open transaction. */
export async function recordAuthEvent(event: AuthEvent, client?: pg.ClientBase): Promise<void> {
  const write = async (c: pg.ClientBase) => {
    const user = event.user?.slice(0, 128) ?? null;
    await c.query("INSERT INTO retort.auth_events (kind, user_name, address, detail) VALUES ($1, $2, $3, $4)", [event.kind, user, event.address ?? null, event.detail?.slice(0, 500) ?? null]);
    await appendLocked(c, { kind: event.kind, actor: event.actor ?? user ?? "anonymous", subject: user, detail: { address: event.address ?? null, detail: event.detail ?? null } });
  };
  if (client) await write(client);
  else await metaTransaction(write);
}

export async function listAuthEvents({ limit = 100, failuresOnly = false }: { limit?: number; failuresOnly?: boolean } = {}): Promise<AuthEventView[]> {
  const kinds = failuresOnly ? ["sign-in-failed", "sign-in-throttled", "locked-out"] : [...AUTH_EVENT_KINDS];
  const { rows } = await withMeta((client) =>
    client.query<{ id: string; at: Date; kind: AuthEventKind; user_name: string | null; address: string | null; detail: string | null }>(
      "SELECT id, at, kind, user_name, address, detail FROM retort.auth_events WHERE kind = ANY($1) ORDER BY at DESC, id DESC LIMIT $2",
      [kinds, Math.min(Math.max(limit, 1), 1000)],
    ),
  );
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), kind: r.kind, user: r.user_name, address: r.address, detail: r.detail }));
}
