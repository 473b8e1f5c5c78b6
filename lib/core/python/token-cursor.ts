// A cursor over one expression's tokens: the lookahead helpers ExprParser is built on.
import type { Expr } from "./ast";
import { PythonScanner, type Token } from "./tokens";

const OPENERS = new Set(["(", "[", "{"]);

/** Every token of `text` (newline tokens dropped): for re-reading a recorded expression. */
export function tokenize(text: string): Token[] {
  const scanner = new PythonScanner(text);
  const tokens: Token[] = [];
  while (scanner.next() !== "eof") {
    if (scanner.kind !== "newline") tokens.push({ kind: scanner.kind, start: scanner.start, end: scanner.end, line: scanner.line });
  }
  return tokens;
}

export class TokenCursor {
  protected pos = 0;
  constructor(protected readonly tokens: Token[], protected readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  protected skipRest(): Expr {
    const from = this.pos;
    this.pos = this.tokens.length;
    return this.unsupported(from);
  }

  protected skipTo(closer: string): void {
    let depth = 0;
    while (this.pos < this.tokens.length) {
      const op = this.opText();
      if (OPENERS.has(op)) depth++;
      else if (op === closer && depth === 0) return;
      else if (op === ")" || op === "]" || op === "}") depth--;
      this.pos++;
    }
  }

  protected unsupported(from: number): Expr {
    const first = this.tokens[from];
    const last = this.tokens[Math.max(from, this.pos - 1)];
    return { t: "unsupported", source: first && last ? this.text.slice(first.start, last.end) : "" };
  }

  protected word(): string {
    return this.wordAt(this.pos);
  }

  protected wordAt(at: number): string {
    const token = this.tokens[at];
    return token && token.kind === "name" ? this.text.slice(token.start, token.end) : "";
  }

  protected isWord(word: string): boolean {
    return this.word() === word;
  }

  protected opText(): string {
    return this.opAt(this.pos);
  }

  protected opAt(at: number): string {
    const token = this.tokens[at];
    return token && token.kind === "op" ? this.text.slice(token.start, token.end) : "";
  }

  protected is(op: string): boolean {
    return this.opText() === op;
  }
}
