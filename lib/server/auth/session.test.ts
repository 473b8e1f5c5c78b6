import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authorize, requireApiUser, resolveUser, sessionCookie } from "./session";
import { useTemporaryDataDir } from "./test-data-dir";
import { addUser, removeUser } from "./users";
import { writeJsonFile } from "./secure-file";
import { usersFilePath } from "./users";
import { readFileSync } from "node:fs";

let data: ReturnType<typeof useTemporaryDataDir>;
beforeEach(async () => {
  data = useTemporaryDataDir();
  await addUser({ name: "alice", role: "admin", password: "tangerine-bicycle-41" });
});
afterEach(() => {
  delete process.env.RETORT_TRUSTED_PROXY_HEADER;
  delete process.env.RETORT_TRUSTED_PROXIES;
  data.cleanup();
});

const tokenFor = (user: string) => sessionCookie({ user, role: "admin", via: "password", secure: false }).value;
const noHeaders = new Headers();

describe("session resolution", () => {
  it("signs in the cookie's user with the role from the users file", () => {
    expect(resolveUser({ token: tokenFor("alice"), requestHeaders: noHeaders })).toEqual({ name: "alice", role: "admin", via: "password" });
  });

  it("a removed user loses access at once", () => {
    const token = tokenFor("alice");
    removeUser({ name: "alice" });
    expect(resolveUser({ token, requestHeaders: noHeaders })).toBeNull();
  });

  it("a demoted user keeps only the new role, whatever the cookie says", () => {
    const token = tokenFor("alice");
    const file = JSON.parse(readFileSync(usersFilePath(), "utf8"));
    file.users[0].role = "viewer";
    writeJsonFile(usersFilePath(), file);
    const user = resolveUser({ token, requestHeaders: noHeaders });
    expect(user?.role).toBe("viewer");
    expect(authorize(user, "stamp")).toMatchObject({ ok: false, code: "forbidden:stamp" });
  });

  it("the cookie is httpOnly, SameSite=Lax, Path=/ and Secure only when asked", () => {
    expect(sessionCookie({ user: "alice", role: "admin", via: "password", secure: true }).options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: true });
  });

  it("a trusted proxy's user gets the file's role, or the default for unknown names", () => {
    process.env.RETORT_TRUSTED_PROXY_HEADER = "X-Forwarded-User";
    process.env.RETORT_TRUSTED_PROXIES = "10.0.0.5";
    const from = (user: string, address = "10.0.0.5") => new Headers({ "x-forwarded-for": address, "x-forwarded-user": user });
    expect(resolveUser({ token: undefined, requestHeaders: from("alice") })).toEqual({ name: "alice", role: "admin", via: "trusted-proxy" });
    expect(resolveUser({ token: undefined, requestHeaders: from("carol") })).toEqual({ name: "carol", role: "viewer", via: "trusted-proxy" });
    expect(resolveUser({ token: undefined, requestHeaders: from("alice", "192.0.2.1") })).toBeNull();
  });
});

describe("requireApiUser", () => {
  it("answers 401 JSON without a session and 403 without the permission", async () => {
    const anonymous = await requireApiUser(new Request("http://localhost/api/audit"), "audit");
    expect(anonymous.ok).toBe(false);
    if (anonymous.ok) return;
    expect(anonymous.response.status).toBe(401);
    expect(await anonymous.response.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to continue." } });

    await addUser({ name: "victor", role: "viewer", password: "tangerine-bicycle-41" });
    const cookie = `retort_session=${sessionCookie({ user: "victor", role: "viewer", via: "password", secure: false }).value}`;
    const viewer = await requireApiUser(new Request("http://localhost/api/x", { headers: { cookie } }), "stamp");
    expect(viewer.ok ? 200 : viewer.response.status).toBe(403);
    const allowed = await requireApiUser(new Request("http://localhost/api/x", { headers: { cookie } }), "audit");
    expect(allowed).toMatchObject({ ok: true, user: { name: "victor", role: "viewer" } });
  });

  it("ignores a cookie signed with another secret", async () => {
    const token = tokenFor("alice");
    process.env.RETORT_SESSION_SECRET = "another-secret-that-is-long-enough-xx";
    const result = await requireApiUser(new Request("http://localhost/api/x", { headers: { cookie: `retort_session=${token}` } }), "view");
    expect(result.ok).toBe(false);
  });
});
