import "server-only";
import { createHash, randomBytes } from "node:crypto";

// The session cookie holds only a random id (256 bits); the session itself lives in the
// metadata database, which stores the id's SHA-256. Revoking a session deletes its meaning, so
// a copied cookie stops working at once, on every server.

export const SESSION_COOKIE = "retort_session";
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function isSessionTokenShaped(value: string | undefined | null): value is string {
  return typeof value === "string" && TOKEN.test(value);
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface SessionLimits {
  /** Signed out after this long without a request. */
  idleMs: number;
  /** Signed out this long after signing in, however active. */
  absoluteMs: number;
}

function minutes(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return (Number.isFinite(value) && value > 0 ? value : fallback) * 60_000;
}

export function sessionLimits(): SessionLimits {
  return { idleMs: minutes("RETORT_SESSION_IDLE_MINUTES", 60), absoluteMs: minutes("RETORT_SESSION_MAX_MINUTES", 12 * 60) };
}

/** The value of one cookie in a Cookie header (the first, as browsers send the most specific first). */
export function cookieFromHeader(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      return undefined; // a malformed %-escape is no session
    }
  }
  return undefined;
}
