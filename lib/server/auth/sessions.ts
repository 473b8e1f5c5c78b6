import "server-only";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { withMeta } from "../meta/pool";
import type { Role } from "./roles";
import { hashSessionToken, isSessionTokenShaped, newSessionToken, sessionLimits } from "./session-token";

// Server-side sessions. A session is valid while it is not revoked, has not passed its absolute
// lifetime, and was used within the idle timeout; the user's role is read from the users table
// on every request, never from the session.

export type SignInMethod = "password" | "link";

export interface LiveSession {
  user: { id: string; name: string; role: Role };
  via: SignInMethod;
  /** A handle for this session that is safe to show (not the cookie). */
  publicId: string;
  idHash: string;
  expiresAt: Date;
}

export interface SessionView {
  publicId: string;
  via: SignInMethod;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  address: string | null;
  userAgent: string | null;
}

// last_seen_at is written at most this often: a page load makes several lookups.
const TOUCH_EVERY_MS = 30_000;

export async function createSession(input: { userId: string; via: SignInMethod; address?: string | null; userAgent?: string | null }): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + sessionLimits().absoluteMs);
  await withMeta((c) =>
    c.query(
      `INSERT INTO retort.sessions (id_hash, public_id, user_id, via, expires_at, address, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [hashSessionToken(token), randomBytes(9).toString("base64url"), input.userId, input.via, expiresAt, input.address?.slice(0, 64) ?? null, input.userAgent?.slice(0, 300) ?? null],
    ),
  );
  return { token, expiresAt };
}

interface LookupRow {
  id_hash: string;
  public_id: string;
  via: SignInMethod;
  expires_at: Date;
  stale: boolean;
  user_id: string;
  name: string;
  role: Role;
}

/** The live session for a cookie value, or null (unknown, revoked, expired or idle too long). */
export async function lookupSession(token: string | undefined): Promise<LiveSession | null> {
  if (!isSessionTokenShaped(token)) return null;
  const idHash = hashSessionToken(token);
  const { idleMs } = sessionLimits();
  const { rows } = await withMeta((c) =>
    c.query<LookupRow>(
      `SELECT s.id_hash, s.public_id, s.via, s.expires_at, s.last_seen_at < now() - make_interval(secs => $3) AS stale, u.id AS user_id, u.name, u.role
         FROM retort.sessions s JOIN retort.users u ON u.id = s.user_id
        WHERE s.id_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2)`,
      [idHash, idleMs / 1000, TOUCH_EVERY_MS / 1000],
    ),
  );
  const row = rows[0];
  if (!row) return null;
  if (row.stale) await withMeta((c) => c.query("UPDATE retort.sessions SET last_seen_at = now() WHERE id_hash = $1", [idHash]));
  return { user: { id: row.user_id, name: row.name, role: row.role }, via: row.via, publicId: row.public_id, idHash, expiresAt: row.expires_at };
}

/** End one session (sign-out). Returns its user's name, or null when it was not live. */
export async function revokeSession(token: string | undefined, reason: string): Promise<string | null> {
  if (!isSessionTokenShaped(token)) return null;
  const { rows } = await withMeta((c) =>
    c.query<{ name: string }>(
      `UPDATE retort.sessions s SET revoked_at = now(), revoked_reason = $2 FROM retort.users u
        WHERE s.id_hash = $1 AND s.revoked_at IS NULL AND u.id = s.user_id RETURNING u.name`,
      [hashSessionToken(token), reason],
    ),
  );
  return rows[0]?.name ?? null;
}

/** End a user's sessions (all, or all but `except`), inside the caller's transaction. */
export async function revokeUserSessions(client: pg.ClientBase, { userId, reason, except }: { userId: string; reason: string; except?: string }): Promise<number> {
  const { rowCount } = await client.query(
    "UPDATE retort.sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL AND id_hash <> $3",
    [userId, reason, except ?? ""],
  );
  return rowCount ?? 0;
}

/** End one of a user's own sessions by its public handle. */
export async function revokeSessionByHandle({ userId, publicId, reason }: { userId: string; publicId: string; reason: string }): Promise<boolean> {
  const { rowCount } = await withMeta((c) =>
    c.query("UPDATE retort.sessions SET revoked_at = now(), revoked_reason = $3 WHERE user_id = $1 AND public_id = $2 AND revoked_at IS NULL", [userId, publicId, reason]),
  );
  return (rowCount ?? 0) > 0;
}

/** A user's live sessions, most recently used first. */
export async function listSessions({ userId }: { userId: string }): Promise<SessionView[]> {
  const { idleMs } = sessionLimits();
  const { rows } = await withMeta((c) =>
    c.query<{ public_id: string; via: SignInMethod; created_at: Date; last_seen_at: Date; expires_at: Date; address: string | null; user_agent: string | null }>(
      `SELECT public_id, via, created_at, last_seen_at, expires_at, address, user_agent FROM retort.sessions
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() AND last_seen_at > now() - make_interval(secs => $2)
        ORDER BY last_seen_at DESC LIMIT 100`,
      [userId, idleMs / 1000],
    ),
  );
  return rows.map((r) => ({
    publicId: r.public_id, via: r.via, createdAt: r.created_at.toISOString(), lastSeenAt: r.last_seen_at.toISOString(),
    expiresAt: r.expires_at.toISOString(), address: r.address, userAgent: r.user_agent,
  }));
}
