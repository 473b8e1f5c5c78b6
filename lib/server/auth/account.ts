import "server-only";
import { cookies, headers } from "next/headers";
import { metaTransaction } from "../meta/pool";
import { recordAuthEvent } from "./auth-events";
import { getSession, type SessionUser } from "./session";
import { clientAddress } from "./session-cookie";
import { hashSessionToken, SESSION_COOKIE } from "./session-token";
import { listSessions, lookupSession, revokeSessionByHandle, revokeUserSessions, type SessionView } from "./sessions";
import { releaseSignInAttempt, reserveSignInAttempt } from "./throttle";
import { setPassword, verifyPassword } from "./users";

// The signed-in user's own account (/account): their sessions, "sign out everywhere", and a
// new password. Always the caller's own: nothing here takes a user name from the browser.

export type AccountResult<T = null> = { ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

interface OwnSession {
  user: SessionUser;
  userId: string;
  idHash: string;
}

/** The caller's password session, or a refusal (signed out, or signed in by a trusted proxy). */
async function ownSession(): Promise<{ ok: true; own: OwnSession } | { ok: false; code: string; message: string }> {
  const user = await getSession();
  if (!user) return { ok: false, code: "unauthorized", message: "Sign in to continue." };
  if (user.via === "trusted-proxy") return { ok: false, code: "managed-by-proxy", message: "Your sign-in is managed by the proxy in front of Retort; Retort keeps no session or password for you." };
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const session = await lookupSession(token);
  if (!session || !token) return { ok: false, code: "unauthorized", message: "Sign in to continue." };
  return { ok: true, own: { user, userId: session.user.id, idHash: hashSessionToken(token) } };
}

export interface AccountOverview {
  user: SessionUser;
  sessions: Array<SessionView & { current: boolean }>;
}

export async function accountOverview(): Promise<AccountResult<AccountOverview>> {
  const found = await ownSession();
  if (!found.ok) return found;
  const { user, userId } = found.own;
  const sessions = await listSessions({ userId });
  return { ok: true, data: { user, sessions: sessions.map((s) => ({ ...s, current: s.publicId === user.sessionId })) } };
}

/** End every session of the caller, this one included. */
export async function signOutEverywhere(): Promise<AccountResult<{ ended: number }>> {
  const found = await ownSession();
  if (!found.ok) return found;
  const address = clientAddress(await headers());
  const ended = await metaTransaction(async (client) => {
    const count = await revokeUserSessions(client, { userId: found.own.userId, reason: "signed out everywhere" });
    await recordAuthEvent({ kind: "sign-out-everywhere", user: found.own.user.name, address, detail: `${count} session(s) ended` }, client);
    return count;
  });
  return { ok: true, data: { ended } };
}

export async function endOwnSession({ publicId }: { publicId: string }): Promise<AccountResult> {
  const found = await ownSession();
  if (!found.ok) return found;
  const ended = await revokeSessionByHandle({ userId: found.own.userId, publicId, reason: "signed out from /account" });
  if (!ended) return { ok: false, code: "not-found", message: "That session has already ended." };
  await recordAuthEvent({ kind: "session-revoked", user: found.own.user.name, address: clientAddress(await headers()), detail: `session ${publicId}` });
  return { ok: true, data: null };
}

/**
 * A new password, given the current one (checked under the sign-in rate limits, so a stolen
 * session cannot be used to guess it). Every other session of the user ends; this one stays.
 */
export async function changeOwnPassword({ current, next }: { current: string; next: string }): Promise<AccountResult<{ ended: number }>> {
  const found = await ownSession();
  if (!found.ok) return found;
  const { user, idHash } = found.own;
  const address = clientAddress(await headers());
  const attempt = await reserveSignInAttempt({ name: user.name, address });
  if (!attempt.ok) return { ok: false, code: "throttled", message: `Too many wrong passwords. Try again in ${attempt.retryAfterSeconds} s.` };
  if (!(await verifyPassword({ name: user.name, password: current }))) {
    await recordAuthEvent({ kind: "sign-in-failed", user: user.name, address, detail: "wrong current password when changing it" });
    return { ok: false, code: "invalid-credentials", message: "Check the highlighted fields.", fieldErrors: { current: ["That is not your current password."] } };
  }
  await releaseSignInAttempt({ name: user.name, address });
  const changed = await setPassword({ name: user.name, password: next, actor: user.name, keepSessionHash: idHash });
  if (!changed.ok) return { ok: false, code: changed.code, message: "Check the highlighted fields.", fieldErrors: { next: [changed.message] } };
  return { ok: true, data: { ended: changed.value.revoked } };
}
