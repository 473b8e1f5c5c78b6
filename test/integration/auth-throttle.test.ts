import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listAuthEvents } from "../../lib/server/auth/auth-events";
import { signInWithPassword } from "../../lib/server/auth/sign-in";
import { lockSeconds } from "../../lib/server/auth/throttle";
import { addUser } from "../../lib/server/auth/users";
import { query } from "../db";
import { type TestMeta, useMetaDatabase } from "../meta";

// Issue 11, item 8: "200 wrong passwords at 8/s, then the right one worked". The same attack
// against the real sign-in path and the real metadata database, now refused.

const PASSWORD = "tangerine-bicycle-41";
let meta: TestMeta;

beforeAll(async () => {
  meta = await useMetaDatabase();
});
afterAll(() => meta.cleanup());
beforeEach(async () => {
  await query(meta.db.url, "TRUNCATE retort.users, retort.login_throttle, retort.auth_events CASCADE");
  await addUser({ name: "alice", role: "admin", password: PASSWORD });
});

const attempt = (password: string, address = "198.51.100.7", name = "alice") => signInWithPassword({ name, password, address });

describe("sign-in rate limits", () => {
  it("after 200 wrong passwords, refuses the right one too", async () => {
    const outcomes = [];
    for (let i = 0; i < 200; i += 1) outcomes.push(await attempt(`wrong-guess-${i}`));
    const checked = outcomes.filter((o) => !o.ok && o.code === "invalid-credentials").length;
    // Five free failures, then doubling locks: only a handful of guesses were ever checked.
    expect(checked).toBeLessThanOrEqual(10);
    expect(outcomes.filter((o) => !o.ok && o.code === "throttled").length).toBeGreaterThanOrEqual(190);
    const right = await attempt(PASSWORD);
    expect(right).toMatchObject({ ok: false, code: "throttled", message: expect.stringMatching(/Too many failed sign-ins for this account\. Try again in \d+/) });
  });

  it("locks the account from any address, and lets the owner in once the lock has passed", async () => {
    for (let i = 0; i < 7; i += 1) await attempt(`wrong-guess-${i}`, `203.0.113.${i}`);
    expect(await attempt(PASSWORD, "192.0.2.55")).toMatchObject({ ok: false, code: "throttled" });
    await query(meta.db.url, "UPDATE retort.login_throttle SET locked_until = now() - interval '1 second'");
    expect((await attempt(PASSWORD, "192.0.2.55")).ok).toBe(true);
    // A success forgets the account's failures: the next typo is free again.
    expect(await attempt("typo-typo-typo")).toMatchObject({ code: "invalid-credentials" });
  });

  it("limits one address guessing across many accounts", async () => {
    const outcomes = [];
    for (let i = 0; i < 30; i += 1) outcomes.push(await attempt("wrong-guess", "198.51.100.99", `user${i}`));
    expect(outcomes.slice(0, 20).every((o) => !o.ok && o.code === "invalid-credentials")).toBe(true);
    expect(outcomes.slice(22).every((o) => !o.ok && o.code === "throttled" && /from your address/.test(o.message))).toBe(true);
    expect((await attempt(PASSWORD, "192.0.2.1")).ok).toBe(true);
  });

  it("counts a parallel burst before checking any password, so it cannot slip past the limit", async () => {
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(`parallel-${i}`)));
    expect(burst.filter((o) => !o.ok && o.code === "invalid-credentials").length).toBeLessThanOrEqual(6);
    expect(burst.filter((o) => !o.ok && o.code === "throttled").length).toBeGreaterThanOrEqual(24);
    const [row] = await query<{ failures: number }>(meta.db.url, "SELECT failures FROM retort.login_throttle WHERE key = 'account:alice'");
    expect(row!.failures).toBeLessThanOrEqual(6);
  });

  it("records failures, lockouts and throttled attempts in the auth log", async () => {
    const [before] = await query<{ seq: string }>(meta.db.url, "SELECT coalesce(max(seq), 0) AS seq FROM retort.audit_trail");
    for (let i = 0; i < 8; i += 1) await attempt(`wrong-guess-${i}`);
    const events = await listAuthEvents({ failuresOnly: true });
    const kinds = new Set(events.map((e) => e.kind));
    expect(kinds).toEqual(new Set(["sign-in-failed", "locked-out", "sign-in-throttled"]));
    expect(events.every((e) => e.user === "alice" && e.address === "198.51.100.7")).toBe(true);
    const trail = await query<{ kind: string }>(meta.db.url, "SELECT kind FROM retort.audit_trail WHERE seq > $1", [before!.seq]);
    expect(trail.length).toBe(8);
  });

  it("doubles the lock after each failure beyond the free ones, up to 15 minutes", () => {
    expect([5, 6, 7, 8, 12, 40].map((n) => lockSeconds(n, 5))).toEqual([0, 1, 2, 4, 64, 900]);
  });
});
