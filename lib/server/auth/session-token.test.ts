import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cookieFromHeader, newSessionPayload, SESSION_TTL_MS, signSession, verifySession } from "./session-token";

const SECRET = "s".repeat(40);
const NOW = Date.parse("2026-01-01T12:00:00Z");
const payload = newSessionPayload({ user: "alice", role: "operator", via: "password", now: NOW });

describe("session cookie signing", () => {
  it("round-trips a signed session", () => {
    const check = verifySession(signSession(payload, SECRET), SECRET, NOW + 1000);
    expect(check).toEqual({ ok: true, payload });
  });

  it("rejects a payload edited to claim another role", () => {
    const [version, body, signature] = signSession(payload, SECRET).split(".");
    const edited = Buffer.from(JSON.stringify({ ...payload, role: "admin" })).toString("base64url");
    expect(verifySession(`${version}.${edited}.${signature}`, SECRET, NOW)).toEqual({ ok: false, reason: "bad-signature" });
    expect(body).not.toBe(edited);
  });

  it("rejects a token signed with another secret", () => {
    expect(verifySession(signSession(payload, "t".repeat(40)), SECRET, NOW)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("rejects a truncated or altered signature", () => {
    const token = signSession(payload, SECRET);
    expect(verifySession(token.slice(0, -2), SECRET, NOW).ok).toBe(false);
    expect(verifySession(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, SECRET, NOW).ok).toBe(false);
  });

  it("rejects an expired session", () => {
    const token = signSession(payload, SECRET);
    expect(verifySession(token, SECRET, NOW + SESSION_TTL_MS - 1).ok).toBe(true);
    expect(verifySession(token, SECRET, NOW + SESSION_TTL_MS)).toEqual({ ok: false, reason: "expired" });
  });

  it("rejects garbage without throwing", () => {
    for (const token of ["", "v1", "v1..", "v2.a.b", "a.b.c.d", "v1.!!!.???"]) {
      expect(verifySession(token, SECRET, NOW).ok).toBe(false);
    }
  });

  it("rejects a correctly signed payload of the wrong shape", () => {
    const data = `v1.${Buffer.from(JSON.stringify({ user: "alice", role: "root" })).toString("base64url")}`;
    const signature = createHmac("sha256", SECRET).update(data).digest("base64url");
    expect(verifySession(`${data}.${signature}`, SECRET, NOW)).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("cookieFromHeader", () => {
  it("finds one cookie among several", () => {
    expect(cookieFromHeader("a=1; retort_session=v1.x.y; b=2", "retort_session")).toBe("v1.x.y");
    expect(cookieFromHeader("a=1", "retort_session")).toBeUndefined();
    expect(cookieFromHeader(null, "retort_session")).toBeUndefined();
  });
});
