import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, HSTS, newNonce } from "@/lib/server/auth/security-headers";
import { isHttps } from "@/lib/server/auth/session-cookie";
import { isSessionTokenShaped, SESSION_COOKIE } from "@/lib/server/auth/session-token";
import { trustedProxyUserName } from "@/lib/server/auth/trusted-proxy";

// Two jobs before any page renders. (1) The per-request CSP nonce (see security-headers.ts),
// set on the request so Next.js applies it, and on the response. (2) A cheap early redirect of
// visitors with no session cookie at all. (2) is not the security boundary: every page, route
// and action looks the session up in the metadata database (lib/server/auth/session.ts), which
// this never reads, so a revoked cookie that passes here is still refused there.

const PUBLIC_PATHS = new Set(["/login", "/login/link", "/logout", "/api/health"]);

export function proxy(request: NextRequest): NextResponse {
  const https = isHttps(request.headers);
  const nonce = newNonce();
  const policy = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development" });
  const response = admitted(request) ? pass(request, nonce, policy) : turnAway(request);
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

function admitted(request: NextRequest): boolean {
  if (PUBLIC_PATHS.has(request.nextUrl.pathname)) return true;
  return isSessionTokenShaped(request.cookies.get(SESSION_COOKIE)?.value) || trustedProxyUserName(request.headers) !== null;
}

function pass(request: NextRequest, nonce: string, policy: string): NextResponse {
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  return NextResponse.next({ request: { headers } });
}

function turnAway(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
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
