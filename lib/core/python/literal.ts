// The shapes nearly every revision header is written in (`"ab12"`, `None`, `("a", "b")`, `["a"]`),
// read straight from the text without tokens or an AST. Anything else, including a string with
// an escape, a prefix, triple quotes or a neighbour to concatenate with, returns null and goes to
// the general parser (expr.ts, eval.ts), which gives the same value for everything read here.
import { NONE, type PyValue } from "./value";

const enum Ch { Tab = 9, Lf = 10, Cr = 13, Space = 32, Quote = 34, Apostrophe = 39, Comma = 44, Backslash = 92 }

/** The value of `text.slice(from, to)` when it is a plain literal; null when it is anything else. */
export function plainLiteral(text: string, from: number, to: number): PyValue | null {
  let pos = skipSpace(text, from, to, false);
  if (pos >= to) return null;
  const open = text[pos];
  let value: PyValue | null;
  if (open === "(" || open === "[") {
    const items: PyValue[] = [];
    let comma = false;
    pos = skipSpace(text, pos + 1, to, true);
    const close = open === "(" ? ")" : "]";
    while (text[pos] !== close) {
      const item = atom(text, pos, to);
      if (item === null) return null;
      items.push(item.value);
      pos = skipSpace(text, item.end, to, true);
      if (text.charCodeAt(pos) !== Ch.Comma) break;
      comma = true;
      pos = skipSpace(text, pos + 1, to, true);
    }
    if (pos >= to || text[pos] !== close) return null;
    pos++;
    // `("a")` is the string itself; `("a",)`, `()` and any list are sequences.
    value = open === "(" && items.length === 1 && !comma ? items[0] : { k: "seq", kind: open === "(" ? "tuple" : "list", items };
  } else {
    const item = atom(text, pos, to);
    if (item === null) return null;
    value = item.value;
    pos = item.end;
  }
  return skipSpace(text, pos, to, false) === to ? value : null;
}

/** Past spaces and tabs (and line breaks inside brackets); never past `to`. */
function skipSpace(text: string, pos: number, to: number, inBrackets: boolean): number {
  while (pos < to) {
    const c = text.charCodeAt(pos);
    if (c !== Ch.Space && c !== Ch.Tab && !(inBrackets && (c === Ch.Lf || c === Ch.Cr))) break;
    pos++;
  }
  return pos;
}

/** `None` or a one-line string literal without prefix or escapes, followed by no name or string. */
function atom(text: string, pos: number, to: number): { value: PyValue; end: number } | null {
  if (pos >= to) return null;
  const quote = text.charCodeAt(pos);
  if (quote === Ch.Quote || quote === Ch.Apostrophe) {
    // `""` followed by a quote opens a triple-quoted string.
    if (text.charCodeAt(pos + 1) === quote && text.charCodeAt(pos + 2) === quote) return null;
    let end = pos + 1;
    for (; end < to; end++) {
      const c = text.charCodeAt(end);
      if (c === quote) break;
      if (c === Ch.Backslash || c === Ch.Lf || c === Ch.Cr) return null;
    }
    if (end >= to) return null;
    if (!endsToken(text, end + 1, to)) return null;
    return { value: { k: "str", v: text.slice(pos + 1, end) }, end: end + 1 };
  }
  if (pos + 4 <= to && text.startsWith("None", pos) && endsToken(text, pos + 4, to)) return { value: NONE, end: pos + 4 };
  return null;
}

/** What follows an atom may not extend it: no name character, digit, quote, dot or bracket. */
function endsToken(text: string, pos: number, to: number): boolean {
  if (pos >= to) return true;
  const c = text[pos];
  return c === " " || c === "\t" || c === "," || c === ")" || c === "]" || c === "\n" || c === "\r";
}
