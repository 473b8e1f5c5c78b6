import "server-only";
import { cookies, headers } from "next/headers";
import { type Action, can, type Role } from "./roles";
import { sessionSecret } from "./secret";
import { cookieFromHeader, newSessionPayload, SESSION_COOKIE, SESSION_TTL_MS, signSession, verifySession } from "./session-token";
import { trustedProxyConfig, trustedProxyUserName } from "./trusted-proxy";
import { findUser } from "./users";

// Who is asking, checked on the server for every page, route and action. The proxy's early
// redirect is a convenience; these guards are the boundary.

export interface SessionUser {
  name: string;
  /** Always from the users file (or the trusted-proxy default), never from the cookie alone. */
  role: Role;
  via: "password" | "link" | "trusted-proxy";
}

export type AuthCode = "unauthorized" | `forbidden:${Action}`;
export type AuthResult = { ok: true; user: SessionUser } | { ok: false; code: AuthCode; message: string };

const VERBS: Record<Action, string> = {
  view: "view this",
  upgrade: "upgrade databases",
  rehearse: "rehearse migrations",
  downgrade: "downgrade databases",
  stamp: "stamp version tables",
  merge: "merge heads",
  approve: "approve actions",
  audit: "read the audit log",
};

/** The signed-in user for a session cookie value and request headers, or null. */
export function resolveUser({ token, requestHeaders }: { token: string | undefined; requestHeaders: Headers }): SessionUser | null {
  const config = trustedProxyConfig();
  const proxied = trustedProxyUserName(requestHeaders, config);
  if (proxied !== null && config) {
    return { name: proxied, role: findUser({ name: proxied })?.role ?? config.defaultRole, via: "trusted-proxy" };
  }
  if (!token) return null;
  const check = verifySession(token, sessionSecret());
  if (!check.ok) return null;
  // A removed user loses access at once; a demoted one keeps only the new role.
  const user = findUser({ name: check.payload.user });
  return user ? { name: user.name, role: user.role, via: check.payload.via } : null;
}

export function authorize(user: SessionUser | null, action: Action): AuthResult {
  if (!user) return { ok: false, code: "unauthorized", message: "Sign in to continue." };
  if (!can(user.role, action)) {
    return { ok: false, code: `forbidden:${action}`, message: `Your role (${user.role}) may not ${VERBS[action]}.` };
  }
  return { ok: true, user };
}

export function statusOf(code: AuthCode): 401 | 403 {
  return code === "unauthorized" ? 401 : 403;
}

/** For server components and server actions. */
export async function getSession(): Promise<SessionUser | null> {
  const [cookieStore, requestHeaders] = await Promise.all([cookies(), headers()]);
  return resolveUser({ token: cookieStore.get(SESSION_COOKIE)?.value, requestHeaders });
}

export async function requireUser({ action }: { action: Action }): Promise<AuthResult> {
  return authorize(await getSession(), action);
}

export type ApiAuthResult = { ok: true; user: SessionUser } | { ok: false; code: AuthCode; message: string; response: Response };

/** For route handlers: a ready 401/403 JSON response when the caller may not do `action`. */
export async function requireApiUser(request: Request, action: Action): Promise<ApiAuthResult> {
  const token = cookieFromHeader(request.headers.get("cookie"), SESSION_COOKIE);
  const result = authorize(resolveUser({ token, requestHeaders: request.headers }), action);
  if (result.ok) return result;
  const response = Response.json(
    { error: { code: result.code, message: result.message } },
    { status: statusOf(result.code), headers: { "cache-control": "no-store" } },
  );
  return { ...result, response };
}

export interface SessionCookie {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: "lax"; secure: boolean; path: "/"; maxAge: number };
}

/** Secure cookies over https (as Next.js recorded the scheme), or always with RETORT_SECURE_COOKIES=1. */
export function isHttps(requestHeaders: Headers): boolean {
  return process.env.RETORT_SECURE_COOKIES === "1" || requestHeaders.get("x-forwarded-proto") === "https";
}

export function sessionCookie({ user, role, via, secure }: { user: string; role: Role; via: "password" | "link"; secure: boolean }): SessionCookie {
  const value = signSession(newSessionPayload({ user, role, via }), sessionSecret());
  return { name: SESSION_COOKIE, value, options: { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: SESSION_TTL_MS / 1000 } };
}

/** Sign a user in from a server action. */
export async function startSession({ user, role, via }: { user: string; role: Role; via: "password" | "link" }): Promise<void> {
  const [cookieStore, requestHeaders] = await Promise.all([cookies(), headers()]);
  const cookie = sessionCookie({ user, role, via, secure: isHttps(requestHeaders) });
  cookieStore.set(cookie.name, cookie.value, cookie.options);
}

export async function endSession(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
