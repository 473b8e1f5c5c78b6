import "server-only";

// Cross-site request forgery check for POST routes, as Next.js applies to server actions: the
// Origin header's host must be the host the request was sent to (X-Forwarded-Host when a proxy
// set it, else Host). Browsers send Origin on every cross-site POST; a "null" origin (sandboxed
// frames, some redirects) is refused. Without Origin, Sec-Fetch-Site (sent by all current
// browsers) must say same-origin; a request with neither is not from a browser, and carries no
// cookie its sender did not already hold.

export type OriginCheck = { ok: true } | { ok: false; message: string };

function targetHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return (forwarded || headers.get("host")?.trim()) ?? null;
}

export function checkSameOrigin(headers: Headers): OriginCheck {
  const refused = { ok: false as const, message: "Refused: this request came from another site." };
  const origin = headers.get("origin");
  if (origin !== null) {
    if (origin === "null") return refused;
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return refused;
    }
    return host !== "" && host === targetHost(headers) ? { ok: true } : refused;
  }
  const site = headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none" ? { ok: true } : refused;
}
