import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { dataFile, readJsonFile, writeJsonFile } from "./secure-file";
import { findUser, type UserInfo } from "./users";

// One-time sign-in links (for the demo, and for handing a new colleague their first session).
// Only a SHA-256 of each token is stored, so the file alone cannot sign anyone in.

const storeSchema = z.object({
  tokens: z.array(z.object({ hash: z.string(), user: z.string(), expiresAt: z.string() })),
});
type StoredToken = z.infer<typeof storeSchema>["tokens"][number];

export const SIGN_IN_LINK_PATH = "/login/link";
const MAX_TTL_MINUTES = 7 * 24 * 60;

function tokensFile(): string {
  return dataFile("sign-in-tokens.json");
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function readTokens(now: number): StoredToken[] {
  const parsed = storeSchema.safeParse(readJsonFile(tokensFile()) ?? { tokens: [] });
  // An unreadable store honours no link; the next write replaces it.
  return parsed.success ? parsed.data.tokens.filter((t) => Date.parse(t.expiresAt) > now) : [];
}

export type SignInLinkResult = { ok: true; path: string; expiresAt: string } | { ok: false; code: "not-found" | "invalid:ttl"; message: string };

export function createSignInLink({ user, ttlMinutes }: { user: string; ttlMinutes: number }): SignInLinkResult {
  if (!Number.isFinite(ttlMinutes) || ttlMinutes <= 0 || ttlMinutes > MAX_TTL_MINUTES) {
    return { ok: false, code: "invalid:ttl", message: `ttlMinutes must be between 1 and ${MAX_TTL_MINUTES}.` };
  }
  if (!findUser({ name: user })) return { ok: false, code: "not-found", message: `No user named ${user}.` };
  const now = Date.now();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now + ttlMinutes * 60_000).toISOString();
  writeJsonFile(tokensFile(), { tokens: [...readTokens(now), { hash: hashToken(token), user, expiresAt }] });
  return { ok: true, path: `${SIGN_IN_LINK_PATH}?token=${token}`, expiresAt };
}

export type ConsumeResult = { ok: true; user: UserInfo } | { ok: false; code: "invalid-link"; message: string };

/**
 * Use a link once. Synchronous file operations, with no await between read and write, make
 * the check-and-remove atomic within the server process.
 */
export function consumeSignInLink({ token }: { token: string }): ConsumeResult {
  const refused = { ok: false, code: "invalid-link", message: "This sign-in link is invalid, expired or already used." } as const;
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return refused;
  const now = Date.now();
  const tokens = readTokens(now);
  const hash = hashToken(token);
  const match = tokens.find((t) => t.hash === hash);
  if (!match) return refused;
  writeJsonFile(tokensFile(), { tokens: tokens.filter((t) => t !== match) });
  const user = findUser({ name: match.user });
  return user ? { ok: true, user } : refused;
}
