import { describe, expect, it } from "vitest";
import { evaluate } from "./eval";
import { parseExpression } from "./expr";
import { plainLiteral } from "./literal";
import { unknown } from "./value";

const general = (text: string) => evaluate(parseExpression(text), { lookup: () => unknown("no names"), attribute: () => unknown("no attributes") });

describe("plainLiteral reads the common header shapes as the general parser does", () => {
  it.each([
    '"ab12cd34ef56"', "'ab12'", "None", "  None  ", '""', "''", '("a", "b")', "('a',)", '("a")', "()", "( )", "[]",
    '["a"]', '["a", "b",]', '[None, "x"]', '(\n    "a",\n    "b",\n)', '( "a" , )', "'it\"s'", '"é 😀"', '("a"\r\n,"b")',
  ])("%j", (text) => {
    const fast = plainLiteral(text, 0, text.length);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(general(text));
  });

  it("reads only its range of a longer text", () => {
    const text = 'x = ("a", "b")  # trailing';
    expect(plainLiteral(text, 4, 14)).toEqual({ k: "seq", kind: "tuple", items: [{ k: "str", v: "a" }, { k: "str", v: "b" }] });
    expect(plainLiteral("None", 0, 3)).toBeNull();
    expect(plainLiteral('("a")', 0, 4)).toBeNull();
    expect(plainLiteral('"a"', 0, 0)).toBeNull();
  });
});

describe("plainLiteral leaves everything else to the general parser", () => {
  it.each([
    '"a" "b"', '"a" + "b"', '"a".upper()', '"a"[0]', "r'a'", "b'a'", "f'{x}'", "u'a'", '"a\\tb"', '"""doc"""', "'''a'''",
    '"a', "'a\nb'", "None,", '"a", "b"', "Nonesuch", "None.x", "True", "1", "x", '(("a",),)', '("a",  # note\n "b")',
    '("a"]', '["a")', '("a" "b")', '("a" \\\n)', "(None", "[", "", "   ", '{"a"}', '("a" if x else "b")',
  ])("%j", (text) => expect(plainLiteral(text, 0, text.length)).toBeNull());
});
