import { NextResponse } from "next/server";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";

export const dynamic = "force-dynamic";

// POST only: a cross-site page cannot sign someone out with an <img src="/logout">, and the
// SameSite=Lax session cookie is not sent on cross-site POSTs.
export async function POST(): Promise<Response> {
  // Relative, so the browser stays on the host it used.
  const response = new NextResponse(null, { status: 303, headers: { location: "/login", "cache-control": "no-store" } });
  response.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
  return response;
}
