import { describe, expect, it } from "vitest";
import { checkSameOrigin } from "./same-origin";

const check = (headers: Record<string, string>) => checkSameOrigin(new Headers(headers)).ok;

describe("checkSameOrigin (issue 11, item 11)", () => {
  it("accepts a post from the page's own origin", () => {
    expect(check({ host: "retort.internal:3000", origin: "http://retort.internal:3000" })).toBe(true);
    expect(check({ host: "127.0.0.1:3000", "x-forwarded-host": "retort.example", origin: "https://retort.example" })).toBe(true);
  });

  it("refuses a cross-site post, a null origin and a malformed one", () => {
    expect(check({ host: "retort.internal:3000", origin: "https://evil.example" })).toBe(false);
    expect(check({ host: "retort.internal:3000", origin: "http://retort.internal:3001" })).toBe(false);
    expect(check({ host: "retort.internal:3000", origin: "null" })).toBe(false);
    expect(check({ host: "retort.internal:3000", origin: "not a url" })).toBe(false);
    expect(check({ origin: "http://retort.internal:3000" })).toBe(false);
  });

  it("without Origin, goes by Sec-Fetch-Site", () => {
    expect(check({ host: "h", "sec-fetch-site": "cross-site" })).toBe(false);
    expect(check({ host: "h", "sec-fetch-site": "same-site" })).toBe(false);
    expect(check({ host: "h", "sec-fetch-site": "same-origin" })).toBe(true);
    expect(check({ host: "h" })).toBe(true);
  });
});
