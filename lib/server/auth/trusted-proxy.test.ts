import { describe, expect, it } from "vitest";
import { normalizeAddress, peerAddress, trustedProxyConfig, trustedProxyProblem, trustedProxyUserName } from "./trusted-proxy";

const SECRET = "proxy-secret-value";
const ENV = { RETORT_TRUSTED_PROXY_HEADER: "X-Forwarded-User", RETORT_TRUSTED_PROXIES: "10.0.0.5, ::1", RETORT_TRUSTED_PROXY_SECRET: SECRET } as unknown as NodeJS.ProcessEnv;
const config = trustedProxyConfig(ENV);

/** A request as the proxy sends it: with the shared secret. */
function request(headers: Record<string, string>): Headers {
  return new Headers({ "x-retort-proxy-secret": SECRET, ...headers });
}

describe("trusted-proxy mode", () => {
  it("is off unless both the header and the proxy list are set", () => {
    expect(trustedProxyConfig({ RETORT_TRUSTED_PROXY_HEADER: "X-Forwarded-User" } as unknown as NodeJS.ProcessEnv)).toBeNull();
    expect(trustedProxyConfig({ RETORT_TRUSTED_PROXIES: "10.0.0.5" } as unknown as NodeJS.ProcessEnv)).toBeNull();
    expect(config).toMatchObject({ header: "x-forwarded-user", proxies: ["10.0.0.5", "::1"], defaultRole: "viewer" });
  });

  it("signs in the named user when the request comes from a listed proxy", () => {
    expect(trustedProxyUserName(request({ "x-forwarded-for": "10.0.0.5", "x-forwarded-user": "alice" }), config)).toBe("alice");
    expect(trustedProxyUserName(request({ "x-forwarded-for": "::ffff:10.0.0.5", "x-forwarded-user": "alice" }), config)).toBe("alice");
    expect(trustedProxyUserName(request({ "x-forwarded-for": "[::1]", "x-forwarded-user": "alice" }), config)).toBe("alice");
  });

  it("ignores the header from any other address", () => {
    expect(trustedProxyUserName(request({ "x-forwarded-for": "10.0.0.6", "x-forwarded-user": "alice" }), config)).toBeNull();
    expect(trustedProxyUserName(request({ "x-forwarded-user": "alice" }), config)).toBeNull();
  });

  it("without RETORT_TRUSTED_PROXY_SECRET, refuses to trust a client that claims the proxy's address (issue 11.1)", () => {
    const { RETORT_TRUSTED_PROXY_SECRET: _secret, ...insecure } = ENV;
    const forged = new Headers({ "x-forwarded-for": "10.0.0.5", "x-forwarded-user": "admin" });
    expect(trustedProxyProblem(insecure)).toMatch(/RETORT_TRUSTED_PROXY_SECRET is not set.*act as that admin/);
    expect(trustedProxyConfig(insecure)).toBeNull();
    expect(trustedProxyUserName(forged, trustedProxyConfig(insecure))).toBeNull();
    expect(trustedProxyProblem({ ...insecure, RETORT_TRUSTED_PROXY_SECRET: "short" })).toMatch(/at least 16/);
    expect(trustedProxyProblem({ RETORT_TRUSTED_PROXIES: "10.0.0.5" } as unknown as NodeJS.ProcessEnv)).toMatch(/needs both/);
    expect(trustedProxyProblem({} as NodeJS.ProcessEnv)).toBeNull();
    expect(trustedProxyProblem(ENV)).toBeNull();
  });

  it("does not trust an address chain (a client-supplied X-Forwarded-For kept by Next.js)", () => {
    expect(peerAddress(request({ "x-forwarded-for": "10.0.0.5, 203.0.113.9" }))).toBeNull();
    expect(trustedProxyUserName(request({ "x-forwarded-for": "203.0.113.9, 10.0.0.5", "x-forwarded-user": "alice" }), config)).toBeNull();
  });

  it("ignores the header entirely when the mode is off", () => {
    expect(trustedProxyUserName(request({ "x-forwarded-for": "10.0.0.5", "x-forwarded-user": "alice" }), null)).toBeNull();
  });

  it("refuses user names that are not plain names", () => {
    expect(trustedProxyUserName(request({ "x-forwarded-for": "10.0.0.5", "x-forwarded-user": "../admin" }), config)).toBeNull();
    expect(trustedProxyUserName(request({ "x-forwarded-for": "10.0.0.5", "x-forwarded-user": "" }), config)).toBeNull();
  });

  it("requires the proxy to present the shared secret", () => {
    const base = { "x-forwarded-for": "10.0.0.5", "x-forwarded-user": "alice" };
    expect(trustedProxyUserName(new Headers(base), config)).toBeNull();
    expect(trustedProxyUserName(request({ ...base, "x-retort-proxy-secret": "wrong" }), config)).toBeNull();
    expect(trustedProxyUserName(request(base), config)).toBe("alice");
  });

  it("takes the default role from RETORT_TRUSTED_PROXY_DEFAULT_ROLE, falling back to viewer", () => {
    expect(trustedProxyConfig({ ...ENV, RETORT_TRUSTED_PROXY_DEFAULT_ROLE: "operator" } as unknown as NodeJS.ProcessEnv)?.defaultRole).toBe("operator");
    expect(trustedProxyConfig({ ...ENV, RETORT_TRUSTED_PROXY_DEFAULT_ROLE: "root" } as unknown as NodeJS.ProcessEnv)?.defaultRole).toBe("viewer");
  });

  it("normalizes addresses and drops what is not an IP", () => {
    expect(normalizeAddress(" 10.0.0.5 ")).toBe("10.0.0.5");
    expect(normalizeAddress("proxy.internal")).toBeNull();
  });
});
