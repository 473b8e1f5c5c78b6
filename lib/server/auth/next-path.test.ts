import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

// After-sign-in destinations: same-origin paths only (issue 11, item 2).
describe("safeNextPath", () => {
  it.each([
    ["/projects/shop?tab=graph", "/projects/shop?tab=graph"],
    ["/environments/prod#actions", "/environments/prod#actions"],
    ["/", "/"],
    ["/a/./b/../c", "/a/c"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/logins-report", "/logins-report"],
  ])("keeps the same-origin path %j as %j", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    ["//evil.example/"],
    ["/\\evil.example"],
    ["/./\\evil.example"],
    ["/.//evil.example/steal"],
    ["/..//evil.example"],
    ["/%2e//evil.example"],
    ["/%2e%2e//evil.example/steal"],
    ["///evil.example"],
    ["https://evil.example/"],
    ["http:evil.example"],
    ["javascript:alert(1)"],
    ["evil.example"],
    ["/login?next=/x"],
    ["/logout"],
    ["/ok\n"],
    ["/ok\t"],
    ["/café"],
    ["/\u202e/evil"],
    [""],
    ["/".repeat(3000)],
    [undefined],
    [42],
  ])("refuses %j (back to /)", (input) => {
    expect(safeNextPath(input)).toBe("/");
  });
});
