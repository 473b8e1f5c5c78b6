import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { roleSchema } from "./roles";

// The session cookie's value: "v1.<payload>.<signature>", both base64url, the signature an
// HMAC-SHA256 over "v1.<payload>". The role inside is only a hint: guards re-read the users file.

export const SESSION_COOKIE = "retort_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const payloadSchema = z.object({
  user: z.string().min(1).max(128),
  role: roleSchema,
  issuedAt: z.number().int(),
  expiresAt: z.number().int(),
  via: z.enum(["password", "link"]),
});
export type SessionPayload = z.infer<typeof payloadSchema>;

function sign(data: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(data).digest();
}

export function signSession(payload: SessionPayload, secret: string): string {
  const data = `v1.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return `${data}.${sign(data, secret).toString("base64url")}`;
}

export type TokenCheck = { ok: true; payload: SessionPayload } | { ok: false; reason: "malformed" | "bad-signature" | "expired" };

/** Verify signature first (constant time), then shape and expiry. */
export function verifySession(token: string, secret: string, now = Date.now()): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== "v1" || token.length > 4096) return { ok: false, reason: "malformed" };
  const expected = sign(`${parts[0]}.${parts[1]}`, secret);
  const given = Buffer.from(parts[2]!, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad-signature" };
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  const { issuedAt, expiresAt } = parsed.data;
  // A token issued in the future (clock skew aside) was not issued by this server's clock.
  if (expiresAt <= now || issuedAt > now + 60_000) return { ok: false, reason: "expired" };
  return { ok: true, payload: parsed.data };
}

export function newSessionPayload({ user, role, via, now = Date.now() }: Omit<SessionPayload, "issuedAt" | "expiresAt"> & { now?: number }): SessionPayload {
  return { user, role, via, issuedAt: now, expiresAt: now + SESSION_TTL_MS };
}

/** The value of one cookie in a Cookie header (the first, as browsers send the most specific first). */
export function cookieFromHeader(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}
