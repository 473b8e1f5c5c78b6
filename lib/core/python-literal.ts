// The slice of ast.literal_eval that revision variables need, read from tokens; nothing else is evaluated.
import { decodeStringLiteral } from "./python-strings";
import type { Token } from "./python-tokens";

/** The literal forms a revision variable may take (§1.3); anything else is "expression". */
export type PythonLiteral =
  | { type: "str"; value: string }
  | { type: "none" }
  | { type: "sequence"; bracket: "(" | "[" | "{"; items: PythonLiteral[] }
  | { type: "expression"; source: string };

const CLOSERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const MAX_NESTING = 32;

/** Evaluates tokens[from, to) as a Python literal, without evaluating anything else. */
export function readLiteral(tokens: Token[], text: string, from: number, to: number): PythonLiteral {
  const reader = new LiteralReader(tokens.slice(from, to), text);
  const value = reader.value(0);
  if (reader.pos !== reader.tokens.length || to <= from) return reader.expression(0, reader.tokens.length);
  return value;
}

class LiteralReader {
  pos = 0;
  constructor(readonly tokens: Token[], readonly text: string) {}

  value(depth: number): PythonLiteral {
    const token = this.tokens[this.pos];
    if (!token || depth > MAX_NESTING) return this.expression(this.pos, this.tokens.length);
    const word = this.text.slice(token.start, token.end);
    if (token.kind === "string") return this.strings();
    this.pos++;
    if (token.kind === "name" && word === "None") return { type: "none" };
    if (token.kind === "op" && word in CLOSERS) return this.sequence(word as "(" | "[" | "{", depth);
    return this.expression(this.pos - 1, this.pos);
  }

  expression(from: number, to: number): PythonLiteral {
    const first = this.tokens[from];
    const last = this.tokens[Math.max(from, to - 1)];
    return { type: "expression", source: first && last ? this.text.slice(first.start, last.end) : "" };
  }

  /** Adjacent literals concatenate ("a" "b"); bytes and f-strings with fields are not plain text. */
  private strings(): PythonLiteral {
    const from = this.pos;
    let value = "";
    let plain = true;
    while (this.tokens[this.pos]?.kind === "string") {
      const token = this.tokens[this.pos++];
      const decoded = decodeStringLiteral(this.text.slice(token.start, token.end));
      if (decoded.kind === "bytes" || (decoded.kind === "fstring" && /[{}]/.test(decoded.value))) plain = false;
      value += decoded.value;
    }
    return plain ? { type: "str", value } : this.expression(from, this.pos);
  }

  private sequence(bracket: "(" | "[" | "{", depth: number): PythonLiteral {
    const from = this.pos - 1;
    const items: PythonLiteral[] = [];
    let sawComma = false;
    for (;;) {
      if (this.atOp(CLOSERS[bracket])) break;
      items.push(this.value(depth + 1));
      if (this.atOp(",")) {
        sawComma = true;
        this.pos++;
        continue;
      }
      if (this.atOp(CLOSERS[bracket])) break;
      this.skipPast(CLOSERS[bracket]);
      return this.expression(from, this.pos);
    }
    this.pos++;
    if (bracket === "(" && items.length === 1 && !sawComma) return items[0];
    if (bracket === "{" && items.length === 0) return this.expression(from, this.pos);
    return { type: "sequence", bracket, items };
  }

  private atOp(op: string): boolean {
    const token = this.tokens[this.pos];
    return !!token && token.kind === "op" && this.text.slice(token.start, token.end) === op;
  }

  private skipPast(closer: string): void {
    let depth = 0;
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos++];
      const word = token.kind === "op" ? this.text.slice(token.start, token.end) : "";
      if (word in CLOSERS) depth++;
      else if (word === closer && depth === 0) return;
      else if (word === ")" || word === "]" || word === "}") depth--;
    }
  }
}
