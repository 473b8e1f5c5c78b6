import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as logout } from "../../app/logout/route";
import { authorize, requireApiUser, resolveUser } from "../../lib/server/auth/session";
import { hashSessionToken } from "../../lib/server/auth/session-token";
import { listSessions, lookupSession, revokeSessionByHandle } from "../../lib/server/auth/sessions";
import { signInWithPassword } from "../../lib/server/auth/sign-in";
import { consumeSignInLink, createSignInLink } from "../../lib/server/auth/sign-in-links";
import { addUser, findUser, listUsers, removeUser, setPassword, setRole, verifyPassword } from "../../lib/server/auth/users";
import { query } from "../db";
import { type TestMeta, useMetaDatabase } from "../meta";

// Server-side sessions in the metadata database (issue 11, item 3): every way a cookie used to
// outlive what it stood for, replayed against the real store, now refused.

const PASSWORD = "tangerine-bicycle-41";
const noHeaders = new Headers();
let meta: TestMeta;

beforeAll(async () => {
  meta = await useMetaDatabase();
});
afterAll(() => meta.cleanup());
beforeEach(async () => {
  await query(meta.db.url, "TRUNCATE retort.users, retort.login_throttle CASCADE");
  await addUser({ name: "alice", role: "admin", password: PASSWORD });
});

async function signIn(name = "alice", password = PASSWORD): Promise<string> {
  const outcome = await signInWithPassword({ name, password, address: "192.0.2.10" });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.token;
}
const who = (token: string) => resolveUser({ token, requestHeaders: noHeaders });
const logoutRequest = (token: string, origin = "http://retort.test") =>
  new Request("http://retort.test/logout", { method: "POST", headers: { cookie: `retort_session=${token}`, origin, host: "retort.test" } });

describe("local users", () => {
  it("verifies the right password and refuses a wrong one or an unknown user alike", async () => {
    expect(await verifyPassword({ name: "alice", password: PASSWORD })).toMatchObject({ name: "alice", role: "admin" });
    expect(await verifyPassword({ name: "alice", password: "tangerine-bicycle-42" })).toBeNull();
    expect(await verifyPassword({ name: "bob", password: PASSWORD })).toBeNull();
  });

  it("refuses weak passwords, bad names and duplicates (case-insensitively)", async () => {
    expect(await addUser({ name: "bob", role: "admin", password: "" })).toMatchObject({ ok: false, code: "weak-password" });
    expect(await addUser({ name: "../bob", role: "admin", password: PASSWORD })).toMatchObject({ ok: false, code: "invalid:name" });
    expect(await addUser({ name: "Alice", role: "viewer", password: PASSWORD })).toMatchObject({ ok: false, code: "exists" });
  });

  it("never stores or lists the password, only its scrypt hash", async () => {
    const rows = await query<{ password_hash: string }>(meta.db.url, "SELECT password_hash FROM retort.users");
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(await listUsers())).not.toContain("scrypt");
  });
});

describe("server-side sessions", () => {
  it("the cookie is a random id; the database keeps only its hash", async () => {
    const token = await signIn();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await query<{ id_hash: string }>(meta.db.url, "SELECT id_hash FROM retort.sessions");
    expect(rows.map((r) => r.id_hash)).toEqual([hashSessionToken(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await who(token)).toMatchObject({ name: "alice", role: "admin", via: "password" });
  });

  it("refuses a cookie replayed after POST /logout", async () => {
    const token = await signIn();
    const response = await logout(logoutRequest(token));
    expect(response.status).toBe(303);
    expect(await who(token)).toBeNull();
    const events = await query<{ kind: string }>(meta.db.url, "SELECT kind FROM retort.auth_events WHERE kind = 'sign-out'");
    expect(events).toHaveLength(1);
  });

  it("does not bring old cookies back when a removed user is added again", async () => {
    const token = await signIn();
    expect((await removeUser({ name: "alice" })).ok).toBe(true);
    expect(await who(token)).toBeNull();
    await addUser({ name: "alice", role: "admin", password: PASSWORD });
    expect(await who(token)).toBeNull();
  });

  it("a password change ends every other session, and keeps the one that changed it", async () => {
    const [mine, other] = [await signIn(), await signIn()];
    const result = await setPassword({ name: "alice", password: "another-Passphrase-77", keepSessionHash: hashSessionToken(mine) });
    expect(result).toMatchObject({ ok: true, value: { revoked: 1 } });
    expect(await who(mine)).not.toBeNull();
    expect(await who(other)).toBeNull();
    await setPassword({ name: "alice", password: "third-Passphrase-88" });
    expect(await who(mine)).toBeNull();
  });

  it("a role change ends the user's sessions, so no page keeps the old role", async () => {
    const token = await signIn();
    expect(await setRole({ name: "alice", role: "viewer" })).toMatchObject({ ok: true, value: { role: "viewer", revoked: 1 } });
    expect(await who(token)).toBeNull();
    const fresh = await signIn();
    expect(authorize(await who(fresh), "stamp")).toMatchObject({ ok: false, code: "forbidden:stamp" });
  });

  it("ends a session idle for longer than the idle timeout, and any past its absolute lifetime", async () => {
    const [idle, old] = [await signIn(), await signIn()];
    await query(meta.db.url, "UPDATE retort.sessions SET last_seen_at = now() - interval '61 minutes' WHERE id_hash = $1", [hashSessionToken(idle)]);
    await query(meta.db.url, "UPDATE retort.sessions SET expires_at = now() - interval '1 second' WHERE id_hash = $1", [hashSessionToken(old)]);
    expect(await who(idle)).toBeNull();
    expect(await who(old)).toBeNull();
    process.env.RETORT_SESSION_IDLE_MINUTES = "120";
    try {
      expect(await who(idle)).not.toBeNull();
    } finally {
      delete process.env.RETORT_SESSION_IDLE_MINUTES;
    }
  });

  it("refuses forged, malformed and unknown cookies", async () => {
    await signIn();
    for (const token of ["", "x", "A".repeat(43), "v1.eyJ1c2VyIjoiYWxpY2UifQ.sig", "%%%"]) {
      expect(await who(token)).toBeNull();
    }
  });

  it("lists a user's sessions by a handle that is not the cookie, and ends one by it", async () => {
    const [first, second] = [await signIn(), await signIn()];
    const user = (await lookupSession(first))!.user;
    const sessions = await listSessions({ userId: user.id });
    expect(sessions).toHaveLength(2);
    expect(JSON.stringify(sessions)).not.toContain(first);
    const handle = (await lookupSession(second))!.publicId;
    expect(await revokeSessionByHandle({ userId: user.id, publicId: handle, reason: "test" })).toBe(true);
    expect(await who(second)).toBeNull();
    expect(await who(first)).not.toBeNull();
  });

  it("answers API routes 401 without a session and 403 without the permission", async () => {
    const anonymous = await requireApiUser(new Request("http://localhost/api/audit"), "audit");
    expect(anonymous.ok ? 200 : anonymous.response.status).toBe(401);
    await addUser({ name: "victor", role: "viewer", password: PASSWORD });
    const cookie = `retort_session=${await signIn("victor")}`;
    const viewer = await requireApiUser(new Request("http://localhost/api/x", { headers: { cookie } }), "stamp");
    expect(viewer.ok ? 200 : viewer.response.status).toBe(403);
    expect(await requireApiUser(new Request("http://localhost/api/x", { headers: { cookie } }), "audit")).toMatchObject({ ok: true, user: { name: "victor" } });
  });
});

describe("POST /logout from another site (issue 11, item 11)", () => {
  it("is refused and leaves the session and the cookie alone", async () => {
    const token = await signIn();
    const response = await logout(logoutRequest(token, "https://evil.example"));
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await who(token)).not.toBeNull();
  });
});

describe("one-time sign-in links", () => {
  it("sign their user in once, even when two servers try at the same moment", async () => {
    const link = await createSignInLink({ user: "alice", ttlMinutes: 10 });
    if (!link.ok) throw new Error(link.message);
    const token = new URL(link.path, "http://x").searchParams.get("token")!;
    const results = await Promise.all(Array.from({ length: 8 }, () => consumeSignInLink({ token })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const stored = await query(meta.db.url, "SELECT * FROM retort.sign_in_links");
    expect(stored).toHaveLength(0);
  });

  it("refuse an expired link and one for a removed user", async () => {
    const link = await createSignInLink({ user: "alice", ttlMinutes: 10 });
    if (!link.ok) throw new Error(link.message);
    await query(meta.db.url, "UPDATE retort.sign_in_links SET expires_at = now() - interval '1 second'");
    expect((await consumeSignInLink({ token: new URL(link.path, "http://x").searchParams.get("token")! })).ok).toBe(false);
    const second = await createSignInLink({ user: "alice", ttlMinutes: 10 });
    await removeUser({ name: "alice" });
    expect(second.ok && (await consumeSignInLink({ token: new URL(second.path, "http://x").searchParams.get("token")! })).ok).toBe(false);
    expect(await createSignInLink({ user: "nobody", ttlMinutes: 10 })).toMatchObject({ ok: false, code: "not-found" });
    expect(await findUser({ name: "alice" })).toBeNull();
  });
});


describe("when the metadata database is down", () => {
  it("API routes answer 503 with a message that names no host or password, and nobody is signed in", async () => {
    const saved = process.env.RETORT_DATABASE_URL;
    const { closeMeta } = await import("../../lib/server/meta/pool");
    await closeMeta();
    process.env.RETORT_DATABASE_URL = "postgresql://retort:s3cret-pass@127.0.0.1:9/retort_meta";
    try {
      const result = await requireApiUser(new Request("http://localhost/api/x", { headers: { cookie: `retort_session=${"A".repeat(43)}` } }), "view");
      expect(result.ok ? 200 : result.response.status).toBe(503);
      const body = JSON.stringify(await (result.ok ? null : result.response.json()));
      expect(body).toContain("metadata database is unavailable");
      expect(body).not.toMatch(/s3cret|127\.0\.0\.1|retort_meta/);
      await expect(signInWithPassword({ name: "alice", password: PASSWORD, address: null })).rejects.toMatchObject({ code: "meta:unavailable" });
    } finally {
      await closeMeta();
      process.env.RETORT_DATABASE_URL = saved;
    }
  });
});
