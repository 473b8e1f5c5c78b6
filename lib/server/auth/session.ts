import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { MetaUnavailableError } from "../meta/pool";
import { type Action, can, type Role } from "./roles";
import { cookieFromHeader, SESSION_COOKIE } from "./session-token";
import { lookupSession, type SignInMethod } from "./sessions";
import { trustedProxyConfig, trustedProxyUserName } from "./trusted-proxy";
import { findUser } from "./users";

// Who is asking, checked on the server for every page, route and action. The proxy's early
// redirect is a convenience; these guards are the boundary.

export interface SessionUser {
  name: string;
  /** Always from the users table (or the trusted-proxy default), never from the cookie. */
  role: Role;
  via: SignInMethod | "trusted-proxy";
  /** The signed-in session's handle; null for trusted-proxy users, who have none. */
  sessionId: string | null;
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
export async function resolveUser({ token, requestHeaders }: { token: string | undefined; requestHeaders: Headers }): Promise<SessionUser | null> {
  const config = trustedProxyConfig();
  const proxied = trustedProxyUserName(requestHeaders, config);
  if (proxied !== null && config) {
    const role = (await findUser({ name: proxied }))?.role ?? config.defaultRole;
    return { name: proxied, role, via: "trusted-proxy", sessionId: null };
  }
  const session = await lookupSession(token);
  return session ? { name: session.user.name, role: session.user.role, via: session.via, sessionId: session.publicId } : null;
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

/**
 * For server components and server actions; looked up once per request. When the metadata
 * database is down nobody is signed in: pages send people to /login, which says why.
 */
export const getSession = cache(async (): Promise<SessionUser | null> => {
  const [cookieStore, requestHeaders] = await Promise.all([cookies(), headers()]);
  try {
    return await resolveUser({ token: cookieStore.get(SESSION_COOKIE)?.value, requestHeaders });
  } catch (error) {
    if (error instanceof MetaUnavailableError) return null;
    throw error;
  }
});

export async function requireUser({ action }: { action: Action }): Promise<AuthResult> {
  return authorize(await getSession(), action);
}

export type ApiAuthResult = { ok: true; user: SessionUser } | { ok: false; code: AuthCode; message: string; response: Response };

/** For route handlers: a ready 401/403 JSON response when the caller may not do `action`. */
export async function requireApiUser(request: Request, action: Action): Promise<ApiAuthResult> {
  const token = cookieFromHeader(request.headers.get("cookie"), SESSION_COOKIE);
  let user: SessionUser | null;
  try {
    user = await resolveUser({ token, requestHeaders: request.headers });
  } catch (error) {
    if (!(error instanceof MetaUnavailableError)) throw error;
    const response = Response.json({ error: { code: error.code, message: error.message } }, { status: 503, headers: { "cache-control": "no-store" } });
    return { ok: false, code: "unauthorized", message: error.message, response };
  }
  const result = authorize(user, action);
  if (result.ok) return result;
  const response = Response.json(
    { error: { code: result.code, message: result.message } },
    { status: statusOf(result.code), headers: { "cache-control": "no-store" } },
  );
  return { ...result, response };
}
