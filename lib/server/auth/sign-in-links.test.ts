import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ensureDemoAdmin } from "./demo-admin";
import { consumeSignInLink, createSignInLink } from "./sign-in-links";
import { useTemporaryDataDir } from "./test-data-dir";
import { addUser, removeUser } from "./users";

let data: ReturnType<typeof useTemporaryDataDir>;
beforeEach(async () => {
  data = useTemporaryDataDir();
  await addUser({ name: "alice", role: "operator", password: "tangerine-bicycle-41" });
});
afterEach(() => {
  vi.useRealTimers();
  data.cleanup();
});

const tokenOf = (linkPath: string) => new URL(linkPath, "http://x").searchParams.get("token")!;

describe("one-time sign-in links", () => {
  it("signs its user in once, and never again", () => {
    const link = createSignInLink({ user: "alice", ttlMinutes: 10 });
    if (!link.ok) throw new Error(link.message);
    expect(link.path).toMatch(/^\/login\/link\?token=[A-Za-z0-9_-]{43}$/);
    expect(consumeSignInLink({ token: tokenOf(link.path) })).toMatchObject({ ok: true, user: { name: "alice", role: "operator" } });
    expect(consumeSignInLink({ token: tokenOf(link.path) })).toMatchObject({ ok: false, code: "invalid-link" });
  });

  it("stores only a hash of the token", () => {
    const link = createSignInLink({ user: "alice", ttlMinutes: 10 });
    if (!link.ok) throw new Error(link.message);
    expect(readFileSync(path.join(data.dir, "sign-in-tokens.json"), "utf8")).not.toContain(tokenOf(link.path));
  });

  it("refuses an expired link", () => {
    const link = createSignInLink({ user: "alice", ttlMinutes: 1 });
    if (!link.ok) throw new Error(link.message);
    vi.useFakeTimers({ now: Date.now() + 61_000 });
    expect(consumeSignInLink({ token: tokenOf(link.path) }).ok).toBe(false);
  });

  it("refuses a link whose user was removed since", () => {
    const link = createSignInLink({ user: "alice", ttlMinutes: 10 });
    if (!link.ok) throw new Error(link.message);
    removeUser({ name: "alice" });
    expect(consumeSignInLink({ token: tokenOf(link.path) }).ok).toBe(false);
  });

  it("refuses unknown users, silly lifetimes and made-up tokens", () => {
    expect(createSignInLink({ user: "bob", ttlMinutes: 10 })).toMatchObject({ ok: false, code: "not-found" });
    expect(createSignInLink({ user: "alice", ttlMinutes: 0 })).toMatchObject({ ok: false, code: "invalid:ttl" });
    expect(consumeSignInLink({ token: "a".repeat(43) }).ok).toBe(false);
    expect(consumeSignInLink({ token: "../../etc" }).ok).toBe(false);
  });

  it("ensureDemoAdmin creates an admin once and hands out a fresh link each time", async () => {
    const first = await ensureDemoAdmin();
    const second = await ensureDemoAdmin();
    expect(first.user).toBe("demo-admin");
    expect(first.path).not.toBe(second.path);
    expect(consumeSignInLink({ token: tokenOf(first.path) })).toMatchObject({ ok: true, user: { name: "demo-admin", role: "admin" } });
  });
});
