import { NextResponse } from "next/server";
import { z } from "zod";
import { recordAuthEvent } from "@/lib/server/auth/auth-events";
import { clientAddress, isHttps, sessionCookieOptions } from "@/lib/server/auth/session-cookie";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";
import { createSession } from "@/lib/server/auth/sessions";
import { consumeSignInLink } from "@/lib/server/auth/sign-in-links";

export const dynamic = "force-dynamic";

const querySchema = z.object({ token: z.string().min(1).max(200) });

/** GET /login/link?token=…: a one-time link signs its user in, then is gone. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const parsed = querySchema.safeParse({ token: url.searchParams.get("token") });
  const result = parsed.success ? await consumeSignInLink({ token: parsed.data.token }).catch(() => null) : null;
  if (!result?.ok) return seeOther("/login?error=link");
  const address = clientAddress(request.headers);
  const session = await createSession({ userId: result.user.id, via: "link", address, userAgent: request.headers.get("user-agent") });
  await recordAuthEvent({ kind: "sign-in", user: result.user.name, address, detail: "one-time link" });
  const response = seeOther("/");
  response.cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions({ secure: isHttps(request.headers), expiresAt: session.expiresAt }));
  return response;
}

// A relative Location keeps the browser on the host it used (request.url may name another,
// e.g. localhost for 127.0.0.1), so the cookie set here is sent on the next request.
function seeOther(location: string): NextResponse {
  // The token is in this URL: keep it out of the Referer of whatever loads next.
  return new NextResponse(null, { status: 303, headers: { location, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
}
