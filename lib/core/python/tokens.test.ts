import { describe, expect, it } from "vitest";
import { PythonScanner } from "./tokens";

function tokens(text: string): string[] {
  const scanner = new PythonScanner(text);
  const out: string[] = [];
  while (scanner.next() !== "eof") out.push(scanner.kind === "newline" ? "NL" : scanner.tokenText());
  if (scanner.issue) out.push(`!${scanner.issue.message}@${scanner.issue.line}`);
  return out;
}

describe("PythonScanner", () => {
  it.each([
    ["x = 1", ["x", "=", "1", "NL"]],
    ["x: str = 'a'  # c\n\n# only a comment\ny", ["x", ":", "str", "=", "'a'", "NL", "y", "NL"]],
    ["f(a,\n  b) -> None:", ["f", "(", "a", ",", "b", ")", "->", "None", ":", "NL"]],
    ["x == 1; y += 2; z **= 3", ["x", "==", "1", ";", "y", "+=", "2", ";", "z", "**=", "3", "NL"]],
    ["a = 1e-5 + 0x1F", ["a", "=", "1e-5", "+", "0x1F", "NL"]],
    ["a = \\\n  rb'x' f\"{y}\"", ["a", "=", "rb'x'", 'f"{y}"', "NL"]],
    ["s = '''a\n'b'\n'''", ["s", "=", "'''a\n'b'\n'''", "NL"]],
    ["s = r'\\''", ["s", "=", "r'\\''", "NL"]],
    ["x = (1", ["x", "=", "(", "1", "!'(' was never closed@1"]],
    ["x = )", ["x", "=", "!unmatched ')'@1"]],
    ["x = 'a\n", ["x", "=", "!unterminated string literal (detected at line 1)@1"]],
    ["x = 1 \\ 2", ["x", "=", "1", "!unexpected character after line continuation character@1"]],
  ])("%j", (text, expected) => expect(tokens(text)).toEqual(expected));

  it("reports indentation and line numbers of logical lines", () => {
    const scanner = new PythonScanner("a\n\tb = (\n 1)\n  c");
    const seen: [string, number, number][] = [];
    while (scanner.next() !== "eof") if (scanner.atLineStart) seen.push([scanner.tokenText(), scanner.line, scanner.indent]);
    expect(seen).toEqual([["a", 1, 0], ["b", 2, 8], ["c", 4, 2]]);
  });
});
