import "server-only";
import { recordAuthEvent } from "./auth-events";
import { PasswordCheckBusyError } from "./scrypt-gate";
import { createSession } from "./sessions";
import { releaseSignInAttempt, reserveSignInAttempt } from "./throttle";
import { verifyPassword, type VerifiedUser } from "./users";

// A password sign-in from start to finish: the rate limits first, then the password (under the
// scrypt cap), then a fresh server-side session. Every outcome is in the auth log.

export type SignInOutcome =
  | { ok: true; user: VerifiedUser; token: string; expiresAt: Date }
  | { ok: false; code: "invalid-credentials" | "throttled" | "busy"; message: string; retryAfterSeconds?: number };

export interface SignInInput {
  name: string;
  password: string;
  address: string | null;
  userAgent?: string | null;
}

function wait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

export async function signInWithPassword(input: SignInInput): Promise<SignInOutcome> {
  const who = { name: input.name, address: input.address };
  const decision = await reserveSignInAttempt(who);
  if (!decision.ok) {
    await recordAuthEvent({ kind: "sign-in-throttled", user: input.name, address: input.address, detail: `${decision.scope} locked for ${decision.retryAfterSeconds}s` });
    const where = decision.scope === "account" ? "for this account" : "from your address";
    return { ok: false, code: "throttled", retryAfterSeconds: decision.retryAfterSeconds, message: `Too many failed sign-ins ${where}. Try again in ${wait(decision.retryAfterSeconds)}.` };
  }
  let user: VerifiedUser | null;
  try {
    user = await verifyPassword({ name: input.name, password: input.password });
  } catch (error) {
    if (!(error instanceof PasswordCheckBusyError)) throw error;
    // Not a guess that was checked: it must not count against the account.
    await releaseSignInAttempt(who);
    return { ok: false, code: "busy", message: error.message };
  }
  if (!user) {
    const locked = decision.lockedAfterFailure.length > 0;
    await recordAuthEvent({ kind: locked ? "locked-out" : "sign-in-failed", user: input.name, address: input.address, detail: locked ? `further attempts delayed (${decision.lockedAfterFailure.join(", ")})` : null });
    return { ok: false, code: "invalid-credentials", message: "The user name or password is incorrect." };
  }
  await releaseSignInAttempt(who);
  const session = await createSession({ userId: user.id, via: "password", address: input.address, userAgent: input.userAgent });
  await recordAuthEvent({ kind: "sign-in", user: user.name, address: input.address, detail: "password" });
  return { ok: true, user, token: session.token, expiresAt: session.expiresAt };
}
