// Assignment targets: names, possibly in nested (…)/[…] unpacking, with the path of indexes
// that picks each name's value out of the right-hand side.
import { opOf, wordOf, type Reader } from "./bind";
import type { Token } from "./tokens";

export function exprRange(tokens: Token[], from: number, to: number): { from: number; to: number } {
  return to > from ? { from: tokens[from].start, to: tokens[to - 1].end } : { from: 0, to: 0 };
}

export type Target = { name: string; line: number; unpack: { index: number; count: number }[]; unknown?: string };

/** Assignment targets: names, possibly in nested (…)/[…] unpacking; attributes and subscripts bind nothing here. */
export function readTargets(reader: Reader, tokens: Token[], from: number, to: number, path: Target["unpack"]): Target[] {
  const parts = splitCommas(reader, tokens, from, to);
  if (parts.length === 1 && !parts.trailingComma) {
    const [a, b] = parts[0];
    if (b - a === 1 && tokens[a].kind === "name") return [{ name: wordOf(reader, tokens[a]), line: tokens[a].line, unpack: path }];
    const open = opOf(reader, tokens[a]);
    if ((open === "(" || open === "[") && b - a >= 2) {
      const inner = readTargets(reader, tokens, a + 1, b - 1, path);
      return open === "[" && splitCommas(reader, tokens, a + 1, b - 1).length === 1 && !inner.some((t) => t.unpack.length > path.length)
        ? inner.map((t) => ({ ...t, unpack: [...path, { index: 0, count: 1 }] }))
        : inner;
    }
    if (opOf(reader, tokens[a]) === "*") return readTargets(reader, tokens, a + 1, b, path).map((t) => ({ ...t, unknown: "bound by starred unpacking" }));
    return [];
  }
  const starred = parts.some(([a]) => opOf(reader, tokens[a]) === "*");
  return parts.flatMap(([a, b], index) =>
    readTargets(reader, tokens, a, b, [...path, { index, count: parts.length }]).map((t) => (starred ? { ...t, unknown: "bound by starred unpacking" } : t)),
  );
}

export function splitCommas(reader: Reader, tokens: Token[], from: number, to: number): [number, number][] & { trailingComma?: boolean } {
  const parts: [number, number][] & { trailingComma?: boolean } = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const op = opOf(reader, tokens[i]);
    if (op === "(" || op === "[" || op === "{") depth++;
    else if (op === ")" || op === "]" || op === "}") depth--;
    else if (op === "," && depth === 0) {
      parts.push([start, i]);
      start = i + 1;
    }
  }
  if (start < to) parts.push([start, to]);
  else if (parts.length > 0) parts.trailingComma = true;
  return parts;
}
