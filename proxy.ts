import { type NextRequest, NextResponse } from "next/server";
import { sessionSecret } from "@/lib/server/auth/secret";
import { SESSION_COOKIE, verifySession } from "@/lib/server/auth/session-token";
import { trustedProxyUserName } from "@/lib/server/auth/trusted-proxy";

// The cheap early check: a signed, unexpired session cookie or a trusted proxy's user header.
// It is not the security boundary: every page, route and action verifies again on the server
// (lib/server/auth/session.ts), against the users file, which this never reads.

const PUBLIC_PATHS = new Set(["/login", "/login/link", "/logout", "/api/health"]);

function hasSession(request: NextRequest): boolean {
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (!token) return false;
  try {
    return verifySession(token, sessionSecret()).ok;
  } catch {
    return false; // a misconfigured secret: the guards report it; here it just means "not signed in"
  }
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.has(pathname) || hasSession(request) || trustedProxyUserName(request.headers) !== null) {
    return NextResponse.next();
  }
  const isPageLoad = (request.method === "GET" || request.method === "HEAD") && !pathname.startsWith("/api/");
  const response = isPageLoad
    ? NextResponse.redirect(loginUrl(request, `${pathname}${search}`))
    : NextResponse.json({ error: { code: "unauthorized", message: "Sign in to continue." } }, { status: 401 });
  if (request.cookies.has(SESSION_COOKIE)) response.cookies.delete(SESSION_COOKIE);
  return response;
}

function loginUrl(request: NextRequest, next: string): URL {
  const url = new URL("/login", request.url);
  if (next !== "/") url.searchParams.set("next", next);
  return url;
}

export const config = {
  // Everything but Next's own assets and files served from public/ (they carry an extension).
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|woff2?)$).*)"],
};
