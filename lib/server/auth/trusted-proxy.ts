import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { isRole, type Role } from "./roles";
import { USER_NAME_PATTERN } from "./user-name";

// Trusted-proxy mode: an authenticating proxy (oauth2-proxy, Authelia, …) in front of Retort
// names the user in a header. Only requests that come from that proxy may do so.
//
// Next.js does not expose the TCP peer address to application code: it copies the socket address
// into X-Forwarded-For only when the request has none, so any client that reaches Retort's port
// can claim to be the proxy by sending `X-Forwarded-For: <proxy>`. The address check alone is
// therefore no check at all. The mode requires RETORT_TRUSTED_PROXY_SECRET, which the proxy sends
// in X-Retort-Proxy-Secret (and must strip from what clients send); without it Retort refuses to
// start, and refuses every proxied identity should it be reached anyway.

export const PROXY_SECRET_HEADER = "x-retort-proxy-secret";
const MIN_SECRET_LENGTH = 16;

export interface TrustedProxyConfig {
  header: string;
  proxies: string[];
  defaultRole: Role;
  secret: string;
}

/** Why trusted-proxy mode is configured unsafely, or null (off, or on with every safeguard). */
export function trustedProxyProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  const header = env.RETORT_TRUSTED_PROXY_HEADER?.trim();
  const proxies = env.RETORT_TRUSTED_PROXIES?.trim();
  if (!header && !proxies) return null;
  if (!header || !proxies) {
    return `Trusted-proxy mode needs both RETORT_TRUSTED_PROXY_HEADER and RETORT_TRUSTED_PROXIES; only ${header ? "the header" : "the proxy list"} is set.`;
  }
  const secret = env.RETORT_TRUSTED_PROXY_SECRET ?? "";
  if (secret.length === 0) {
    return "Trusted-proxy mode (RETORT_TRUSTED_PROXY_HEADER) is on but RETORT_TRUSTED_PROXY_SECRET is not set: any client that can reach Retort could send X-Forwarded-For with the proxy's address and the user header naming an admin, and act as that admin. Set RETORT_TRUSTED_PROXY_SECRET and have the proxy send it in X-Retort-Proxy-Secret, or unset RETORT_TRUSTED_PROXY_HEADER.";
  }
  if (secret.length < MIN_SECRET_LENGTH) return `RETORT_TRUSTED_PROXY_SECRET must be at least ${MIN_SECRET_LENGTH} characters long.`;
  return null;
}

/** The trusted-proxy settings, or null when the mode is off or unsafely configured. */
export function trustedProxyConfig(env: NodeJS.ProcessEnv = process.env): TrustedProxyConfig | null {
  if (!env.RETORT_TRUSTED_PROXY_HEADER || trustedProxyProblem(env) !== null) return null;
  const proxies = (env.RETORT_TRUSTED_PROXIES ?? "").split(",").map(normalizeAddress).filter((a): a is string => a !== null);
  if (proxies.length === 0) return null;
  const role = env.RETORT_TRUSTED_PROXY_DEFAULT_ROLE?.trim();
  return {
    header: env.RETORT_TRUSTED_PROXY_HEADER.trim().toLowerCase(),
    proxies,
    defaultRole: isRole(role) ? role : "viewer",
    secret: env.RETORT_TRUSTED_PROXY_SECRET!,
  };
}

/** A canonical IP address ("::ffff:10.0.0.1" → "10.0.0.1", "[::1]" → "::1"), or null. */
export function normalizeAddress(raw: string): string | null {
  let address = raw.trim().toLowerCase();
  if (address.startsWith("[") && address.endsWith("]")) address = address.slice(1, -1);
  if (address.startsWith("::ffff:") && isIP(address.slice(7)) === 4) address = address.slice(7);
  return isIP(address) ? address : null;
}

/** The peer address as Next.js recorded it: X-Forwarded-For holding a single address. */
export function peerAddress(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (!forwarded || forwarded.includes(",")) return null;
  return normalizeAddress(forwarded);
}

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function isTrustedPeer(headers: Headers, config: TrustedProxyConfig): boolean {
  const peer = peerAddress(headers);
  if (peer === null || !config.proxies.includes(peer)) return false;
  return sameSecret(headers.get(PROXY_SECRET_HEADER), config.secret);
}

/** The user the trusted proxy names, or null (mode off, untrusted peer, missing or invalid name). */
export function trustedProxyUserName(headers: Headers, config: TrustedProxyConfig | null = trustedProxyConfig()): string | null {
  if (!config || !isTrustedPeer(headers, config)) return null;
  const name = headers.get(config.header)?.trim();
  return name && USER_NAME_PATTERN.test(name) ? name : null;
}
