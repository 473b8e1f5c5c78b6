import { describe, expect, it } from "vitest";
import { normalizeAddress, peerAddress, trustedProxyConfig, trustedProxyUserName } from "./trusted-proxy";

const ENV = { RETORT_TRUSTED_PROXY_HEADER: "X-Forwarded-User", RETORT_TRUSTED_PROXIES: "10.0.0.5, ::1" } as unknown as NodeJS.ProcessEnv;
const config = trustedProxyConfig(ENV);

function request(headers: Record<string, string>): Headers {
  return new Headers(headers);
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

  it("with a shared secret, also requires the proxy to present it", () => {
    const withSecret = trustedProxyConfig({ ...ENV, RETORT_TRUSTED_PROXY_SECRET: "proxy-secret-value" } as unknown as NodeJS.ProcessEnv);
    const base = { "x-forwarded-for": "10.0.0.5", "x-forwarded-user": "alice" };
    expect(trustedProxyUserName(request(base), withSecret)).toBeNull();
    expect(trustedProxyUserName(request({ ...base, "x-retort-proxy-secret": "wrong" }), withSecret)).toBeNull();
    expect(trustedProxyUserName(request({ ...base, "x-retort-proxy-secret": "proxy-secret-value" }), withSecret)).toBe("alice");
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
