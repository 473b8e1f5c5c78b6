import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { metaTransaction, withMeta } from "../meta/pool";
import { recordAuthEvent } from "./auth-events";
import type { VerifiedUser } from "./users";

// One-time sign-in links (for the demo, and for handing a new colleague their first session).
// Only a SHA-256 of each token is stored, so the table alone cannot sign anyone in; a link is
// claimed by one DELETE … RETURNING, so two servers cannot both honour it.

export const SIGN_IN_LINK_PATH = "/login/link";
const MAX_TTL_MINUTES = 7 * 24 * 60;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type SignInLinkResult = { ok: true; path: string; expiresAt: string } | { ok: false; code: "not-found" | "invalid:ttl"; message: string };

export async function createSignInLink({ user, ttlMinutes, actor = "cli" }: { user: string; ttlMinutes: number; actor?: string }): Promise<SignInLinkResult> {
  if (!Number.isFinite(ttlMinutes) || ttlMinutes <= 0 || ttlMinutes > MAX_TTL_MINUTES) {
    return { ok: false, code: "invalid:ttl", message: `ttlMinutes must be between 1 and ${MAX_TTL_MINUTES}.` };
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + ttlMinutes * 60_000);
  return metaTransaction(async (client) => {
    const { rowCount } = await client.query(
      `INSERT INTO retort.sign_in_links (token_hash, user_id, expires_at) SELECT $1, id, $3 FROM retort.users WHERE name = $2`,
      [hashToken(token), user, expiresAt],
    );
    if (!rowCount) return { ok: false as const, code: "not-found" as const, message: `No user named ${user}.` };
    await client.query("DELETE FROM retort.sign_in_links WHERE expires_at < now()");
    await recordAuthEvent({ kind: "sign-in-link-created", user, actor, detail: `valid until ${expiresAt.toISOString()}` }, client);
    return { ok: true as const, path: `${SIGN_IN_LINK_PATH}?token=${token}`, expiresAt: expiresAt.toISOString() };
  });
}

export type ConsumeResult = { ok: true; user: VerifiedUser } | { ok: false; code: "invalid-link"; message: string };

/** Use a link once. */
export async function consumeSignInLink({ token }: { token: string }): Promise<ConsumeResult> {
  const refused = { ok: false, code: "invalid-link", message: "This sign-in link is invalid, expired or already used." } as const;
  if (!TOKEN.test(token)) return refused;
  const { rows } = await withMeta((c) =>
    c.query<{ id: string; name: string; role: VerifiedUser["role"]; created_at: Date }>(
      `WITH used AS (DELETE FROM retort.sign_in_links WHERE token_hash = $1 RETURNING user_id, expires_at)
       SELECT u.id, u.name, u.role, u.created_at FROM used JOIN retort.users u ON u.id = used.user_id WHERE used.expires_at > now()`,
      [hashToken(token)],
    ),
  );
  const row = rows[0];
  return row ? { ok: true, user: { id: row.id, name: row.name, role: row.role, createdAt: row.created_at.toISOString() } } : refused;
}
