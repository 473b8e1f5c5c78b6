import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { isRole, type Role } from "./roles";
import { USER_NAME_PATTERN } from "./users";

// Trusted-proxy mode: an authenticating proxy (oauth2-proxy, Authelia, …) in front of Retort
// names the user in a header. Only requests that come from that proxy may do so.
//
// The limit, honestly: Next.js does not expose the TCP peer address to application code. Its
// server copies the socket address into X-Forwarded-For only when the request has none (see
// next/dist/server/base-server.js), so "the peer" below is that header when it holds exactly
// one address. A client that can reach Retort's port directly can forge it. The address check
// therefore holds only when the proxy is the sole way in (Retort bound to 127.0.0.1 or a private
// network) and the proxy drops X-Forwarded-For and overwrites the user header. For a check that
// does not depend on the network, also set RETORT_TRUSTED_PROXY_SECRET and have the proxy send
// it in X-Retort-Proxy-Secret.

export const PROXY_SECRET_HEADER = "x-retort-proxy-secret";

export interface TrustedProxyConfig {
  header: string;
  proxies: string[];
  defaultRole: Role;
  secret: string | null;
}

/** The trusted-proxy settings, or null when the mode is off (either variable unset). */
export function trustedProxyConfig(env: NodeJS.ProcessEnv = process.env): TrustedProxyConfig | null {
  const header = env.RETORT_TRUSTED_PROXY_HEADER?.trim().toLowerCase();
  const proxies = (env.RETORT_TRUSTED_PROXIES ?? "").split(",").map(normalizeAddress).filter((a): a is string => a !== null);
  if (!header || proxies.length === 0) return null;
  const role = env.RETORT_TRUSTED_PROXY_DEFAULT_ROLE?.trim();
  return {
    header,
    proxies,
    defaultRole: isRole(role) ? role : "viewer",
    secret: env.RETORT_TRUSTED_PROXY_SECRET ? env.RETORT_TRUSTED_PROXY_SECRET : null,
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
  return config.secret === null || sameSecret(headers.get(PROXY_SECRET_HEADER), config.secret);
}

/** The user the trusted proxy names, or null (mode off, untrusted peer, missing or invalid name). */
export function trustedProxyUserName(headers: Headers, config: TrustedProxyConfig | null = trustedProxyConfig()): string | null {
  if (!config || !isTrustedPeer(headers, config)) return null;
  const name = headers.get(config.header)?.trim();
  return name && USER_NAME_PATTERN.test(name) ? name : null;
}
