import { describe, expect, it } from "vitest";
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPasswordHash } from "./password";

describe("password hashing", () => {
  it("encodes scrypt with its parameters, salt and hash", async () => {
    expect(await hashPassword("correct horse battery")).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  });

  it("uses a fresh salt per hash, so equal passwords hash differently", async () => {
    expect(await hashPassword("correct horse battery")).not.toBe(await hashPassword("correct horse battery"));
  });

  it("accepts the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(await verifyPasswordHash("correct horse battery", hash)).toBe(true);
    expect(await verifyPasswordHash("correct horse batterY", hash)).toBe(false);
  });

  it("verifies hashes made with other cost parameters", async () => {
    const hash = await hashPassword("correct horse battery", { N: 1024, r: 8, p: 1 });
    expect(hash.startsWith("scrypt$1024$8$1$")).toBe(true);
    expect(await verifyPasswordHash("correct horse battery", hash)).toBe(true);
  });

  it("never matches a malformed or absurdly expensive hash", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(await verifyPasswordHash("correct horse battery", hash.replace("scrypt$", "bcrypt$"))).toBe(false);
    expect(await verifyPasswordHash("correct horse battery", hash.replace("$32768$", "$1073741824$"))).toBe(false);
    expect(await verifyPasswordHash("correct horse battery", "scrypt$32768$8$1$abc")).toBe(false);
  });

  it("the stand-in hash for unknown users matches nothing", async () => {
    expect(await verifyPasswordHash("", dummyPasswordHash())).toBe(false);
  });
});

describe("password policy", () => {
  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["short1!", "at least"],
    ["password123", "common"],
    ["alice-is-great-1", "user name"],
    ["aaaaaaaaaaaa", "few different"],
  ])("refuses %j (%s)", (password, reason) => {
    expect(passwordProblem(password, "alice")).toContain(reason);
  });

  it("accepts a long, varied password", () => {
    expect(passwordProblem("tangerine-bicycle-41", "alice")).toBeNull();
  });
});
