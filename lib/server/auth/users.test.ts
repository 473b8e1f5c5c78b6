import { statSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTemporaryDataDir } from "./test-data-dir";
import { addUser, findUser, listUsers, removeUser, usersFilePath, verifyPassword } from "./users";

let data: ReturnType<typeof useTemporaryDataDir>;
beforeEach(() => {
  data = useTemporaryDataDir();
});
afterEach(() => data.cleanup());

describe("local users", () => {
  it("stores a user in a file only its owner can read, without the password", async () => {
    const result = await addUser({ name: "alice", role: "operator", password: "tangerine-bicycle-41" });
    expect(result).toMatchObject({ ok: true, value: { name: "alice", role: "operator" } });
    expect(statSync(usersFilePath()).mode & 0o777).toBe(0o600);
    expect(statSync(data.dir).mode & 0o077).toBe(0);
    expect(JSON.stringify(listUsers())).not.toContain("scrypt");
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(usersFilePath(), "utf8")).not.toContain("tangerine");
  });

  it("honours RETORT_USERS_FILE", async () => {
    process.env.RETORT_USERS_FILE = `${data.dir}/elsewhere/users.json`;
    await addUser({ name: "alice", role: "viewer", password: "tangerine-bicycle-41" });
    expect(statSync(`${data.dir}/elsewhere/users.json`).isFile()).toBe(true);
  });

  it("verifies the right password and refuses a wrong one or an unknown user alike", async () => {
    await addUser({ name: "alice", role: "admin", password: "tangerine-bicycle-41" });
    expect(await verifyPassword({ name: "alice", password: "tangerine-bicycle-41" })).toMatchObject({ name: "alice", role: "admin" });
    expect(await verifyPassword({ name: "alice", password: "tangerine-bicycle-42" })).toBeNull();
    expect(await verifyPassword({ name: "bob", password: "tangerine-bicycle-41" })).toBeNull();
  });

  it("refuses weak passwords, bad names and duplicates", async () => {
    expect(await addUser({ name: "alice", role: "admin", password: "" })).toMatchObject({ ok: false, code: "weak-password" });
    expect(await addUser({ name: "../alice", role: "admin", password: "tangerine-bicycle-41" })).toMatchObject({ ok: false, code: "invalid:name" });
    await addUser({ name: "alice", role: "admin", password: "tangerine-bicycle-41" });
    expect(await addUser({ name: "Alice", role: "viewer", password: "tangerine-bicycle-41" })).toMatchObject({ ok: false, code: "exists" });
  });

  it("removes a user", async () => {
    await addUser({ name: "alice", role: "admin", password: "tangerine-bicycle-41" });
    expect(removeUser({ name: "alice" }).ok).toBe(true);
    expect(findUser({ name: "alice" })).toBeNull();
    expect(removeUser({ name: "alice" })).toMatchObject({ ok: false, code: "not-found" });
  });
});
