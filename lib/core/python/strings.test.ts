import { describe, expect, it } from "vitest";
import { decodeStringLiteral, pythonRepr } from "./strings";

describe("decodeStringLiteral", () => {
  it.each([
    ["'a\\tb'", "a\tb", "str"],
    ["r'a\\tb'", "a\\tb", "str"],
    ['"\\x41\\u00e9\\U0001F600\\101\\q"', "Aé😀A\\q", "str"],
    ["'''x\\\ny'''", "xy", "str"],
    ["'a\r\nb'", "a\nb", "str"],
    ["b'x'", "x", "bytes"],
    ["F'{x}'", "{x}", "fstring"],
    ["''", "", "str"],
    ['""""""', "", "str"],
  ])("%j", (literal, value, kind) => expect(decodeStringLiteral(literal)).toEqual({ value, kind }));
});

describe("pythonRepr matches Python's repr()", () => {
  it.each([
    ["abc", "'abc'"],
    ["it's", `"it's"`],
    [`it's "x"`, `'it\\'s "x"'`],
    ["a\\b\n\t", "'a\\\\b\\n\\t'"],
    ["\x00\x7f\u00a0é", "'\\x00\\x7f\\xa0é'"],
  ])("%j → %s", (value, expected) => expect(pythonRepr(value)).toBe(expected));
});
