import "server-only";
import { cookies, headers } from "next/headers";
import { SESSION_COOKIE } from "./session-token";
import { normalizeAddress } from "./trusted-proxy";

// Setting and clearing the session cookie. HttpOnly, SameSite=Lax, and Secure whenever the
// request came over HTTPS (as Next.js records it in X-Forwarded-Proto, or always with
// RETORT_SECURE_COOKIES=1 behind a TLS-terminating proxy that does not say so).

export interface CookieOptions {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: "/";
  expires: Date;
}

export function isHttps(requestHeaders: Headers): boolean {
  const proto = requestHeaders.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return process.env.RETORT_SECURE_COOKIES === "1" || proto === "https";
}

export function sessionCookieOptions({ secure, expiresAt }: { secure: boolean; expiresAt: Date }): CookieOptions {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", expires: expiresAt };
}

/**
 * The client's address for the auth log and the per-address limit: the last X-Forwarded-For
 * entry (added by the nearest proxy, or by Next.js from the socket when there is none).
 */
export function clientAddress(requestHeaders: Headers): string | null {
  const entries = requestHeaders.get("x-forwarded-for")?.split(",") ?? [];
  return normalizeAddress(entries[entries.length - 1] ?? "");
}

/** From a server action: put a new session in the browser. */
export async function setSessionCookie({ token, expiresAt }: { token: string; expiresAt: Date }): Promise<void> {
  const [cookieStore, requestHeaders] = await Promise.all([cookies(), headers()]);
  cookieStore.set(SESSION_COOKIE, token, sessionCookieOptions({ secure: isHttps(requestHeaders), expiresAt }));
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
