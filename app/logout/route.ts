import { NextResponse } from "next/server";
import { recordAuthEvent } from "@/lib/server/auth/auth-events";
import { checkSameOrigin } from "@/lib/server/auth/same-origin";
import { clientAddress } from "@/lib/server/auth/session-cookie";
import { cookieFromHeader, SESSION_COOKIE } from "@/lib/server/auth/session-token";
import { revokeSession } from "@/lib/server/auth/sessions";

export const dynamic = "force-dynamic";

// POST only, and only from Retort's own pages: a cross-site form must not sign anyone out
// (the Set-Cookie below would be honoured even though SameSite kept the cookie from being sent).
// The session is ended in the metadata database, so a copy of the cookie stops working too.
export async function POST(request: Request): Promise<Response> {
  const origin = checkSameOrigin(request.headers);
  if (!origin.ok) {
    return Response.json({ error: { code: "forbidden:cross-site", message: origin.message } }, { status: 403, headers: { "cache-control": "no-store" } });
  }
  const token = cookieFromHeader(request.headers.get("cookie"), SESSION_COOKIE);
  try {
    const user = await revokeSession(token, "signed out");
    if (user) await recordAuthEvent({ kind: "sign-out", user, address: clientAddress(request.headers) });
  } catch {
    // The metadata database is unreachable: clear the cookie anyway; the session ends at its timeout.
  }
  // Relative, so the browser stays on the host it used.
  const response = new NextResponse(null, { status: 303, headers: { location: "/login", "cache-control": "no-store" } });
  response.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
  return response;
}
