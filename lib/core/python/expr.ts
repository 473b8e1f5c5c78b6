// A parser for the Python expressions revision headers use, from tokens to a small AST. Only
// parsing happens here: nothing is evaluated, and constructs it does not know become
// "unsupported" nodes that fail only if something needs their value.
import type { Expr, FormatField } from "./ast";
import { parseFormatString } from "./fstring";
import { decodeStringLiteral } from "./strings";
import { tokenize, TokenCursor } from "./token-cursor";

export type { Expr, FormatField } from "./ast";
export { tokenize } from "./token-cursor";

/** Parses `text` as one expression list (`a, b` is a tuple, as on an assignment's right). */
export function parseExpression(text: string): Expr {
  const parser = new ExprParser(tokenize(text), text);
  const expr = parser.list();
  return parser.atEnd() ? expr : { t: "unsupported", source: text.trim() };
}

const BINARY: Record<string, number> = {
  "|": 4, "^": 5, "&": 6, "<<": 7, ">>": 7, "+": 8, "-": 8, "*": 9, "/": 9, "//": 9, "%": 9, "@": 9,
};
const COMPARISONS = new Set(["==", "!=", "<", ">", "<=", ">=", "in", "is"]);
const CLOSERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const MAX_DEPTH = 60;

class ExprParser extends TokenCursor {
  private depth = 0;

  /** `a, b, c` → a tuple; a single expression without a comma → itself. */
  list(closer?: string): Expr {
    const first = this.pos;
    const { items, comma } = this.items(closer);
    if (items.length === 1 && !comma) return items[0];
    if (items.length === 0 && closer === undefined) return this.unsupported(first);
    return { t: "seq", kind: "tuple", items };
  }

  private items(closer?: string): { items: Expr[]; comma: boolean } {
    const items: Expr[] = [];
    let comma = false;
    while (!this.atEnd() && !this.is(closer ?? "\0")) {
      items.push(this.expression());
      if (this.isWord("for")) {
        this.skipTo(closer ?? "\0");
        return { items: [this.unsupported(this.pos - 1)], comma: false };
      }
      if (!this.is(",")) break;
      comma = true;
      this.pos++;
    }
    return { items, comma };
  }

  expression(): Expr {
    if (++this.depth > MAX_DEPTH) return this.skipRest();
    try {
      if (this.isWord("lambda")) return this.skipRest();
      const body = this.or();
      if (!this.isWord("if")) return body;
      this.pos++;
      const test = this.or();
      if (!this.isWord("else")) return this.skipRest();
      this.pos++;
      return { t: "cond", test, body, orelse: this.expression() };
    } finally {
      this.depth--;
    }
  }

  private or(): Expr {
    let left = this.and();
    while (this.isWord("or")) {
      this.pos++;
      left = { t: "bool", op: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isWord("and")) {
      this.pos++;
      left = { t: "bool", op: "and", left, right: this.not() };
    }
    return left;
  }

  private not(): Expr {
    if (!this.isWord("not")) return this.comparison();
    this.pos++;
    return { t: "unary", op: "not", operand: this.not() };
  }

  private comparison(): Expr {
    let left = this.binary(0);
    for (;;) {
      let op = this.word() || this.opText();
      if (op === "not" && this.wordAt(this.pos + 1) === "in") op = "not in";
      else if (op === "is" && this.wordAt(this.pos + 1) === "not") op = "is not";
      else if (!COMPARISONS.has(op)) return left;
      this.pos += op.includes(" ") ? 2 : 1;
      left = { t: "cmp", op, left, right: this.binary(0) };
    }
  }

  private binary(minPrecedence: number): Expr {
    let left = this.unary();
    for (;;) {
      const op = this.opText();
      const precedence = BINARY[op];
      if (precedence === undefined || precedence < minPrecedence) return left;
      this.pos++;
      left = { t: "bin", op, left, right: this.binary(precedence + 1) };
    }
  }

  private unary(): Expr {
    const op = this.opText();
    if (op === "-" || op === "+" || op === "~") {
      this.pos++;
      return { t: "unary", op, operand: this.unary() };
    }
    const base = this.primary();
    if (this.opText() !== "**") return base;
    this.pos++;
    return { t: "bin", op: "**", left: base, right: this.unary() };
  }

  private primary(): Expr {
    let value = this.atom();
    for (;;) {
      const op = this.opText();
      if (op === "." && this.tokens[this.pos + 1]?.kind === "name") {
        value = { t: "attr", value, attr: this.wordAt(this.pos + 1) };
        this.pos += 2;
      } else if (op === "(") {
        this.pos++;
        const args = this.arguments();
        value = args ? { t: "call", func: value, args } : this.unsupported(this.pos - 1);
      } else if (op === "[") {
        this.pos++;
        const index = this.list("]");
        if (!this.is("]")) return this.skipRest();
        this.pos++;
        value = { t: "subscript", value, index };
      } else {
        return value;
      }
    }
  }

  /** Positional arguments up to `)`; keyword or starred arguments make the call unsupported. */
  private arguments(): Expr[] | null {
    const args: Expr[] = [];
    while (!this.atEnd() && !this.is(")")) {
      if (this.is("*") || this.is("**") || this.opAt(this.pos + 1) === "=") {
        this.skipTo(")");
        this.pos++;
        return null;
      }
      args.push(this.expression());
      if (this.isWord("for")) {
        this.skipTo(")");
        this.pos++;
        return null;
      }
      if (!this.is(",")) break;
      this.pos++;
    }
    if (!this.is(")")) return null;
    this.pos++;
    return args;
  }

  private atom(): Expr {
    const token = this.tokens[this.pos];
    if (!token) return { t: "unsupported", source: "" };
    if (token.kind === "string") return this.strings();
    const word = this.text.slice(token.start, token.end);
    if (token.kind === "number") {
      this.pos++;
      const value = Number(word.replace(/_/g, ""));
      return Number.isFinite(value) && !/[jJ]$/.test(word) ? { t: "num", value } : this.unsupported(this.pos - 1);
    }
    if (token.kind === "name") {
      this.pos++;
      if (word === "None") return { t: "const", value: null };
      if (word === "True" || word === "False") return { t: "const", value: word === "True" };
      return { t: "name", id: word };
    }
    if (word in CLOSERS) return this.display(word);
    this.pos++;
    return this.unsupported(this.pos - 1);
  }

  /** (…), […], {…}: parenthesised expressions, tuples, lists and sets; dicts and comprehensions are unsupported. */
  private display(open: string): Expr {
    const from = this.pos++;
    const close = CLOSERS[open];
    const { items, comma } = this.items(close);
    if (!this.is(close) || (open === "{" && (items.length === 0 || this.opAt(from + 2) === ":"))) {
      this.skipTo(close);
      this.pos++;
      return this.unsupported(from);
    }
    this.pos++;
    if (open === "(") return items.length === 1 && !comma ? items[0] : { t: "seq", kind: "tuple", items };
    return { t: "seq", kind: open === "[" ? "list" : "set", items };
  }

  /** Adjacent literals concatenate; an f-string among them makes the whole an f-string. */
  private strings(): Expr {
    const parts: (string | FormatField)[] = [];
    let formatted = false;
    while (this.tokens[this.pos]?.kind === "string") {
      const token = this.tokens[this.pos++];
      const decoded = decodeStringLiteral(this.text.slice(token.start, token.end));
      if (decoded.kind === "bytes") return { t: "bytes" };
      if (decoded.kind === "fstring") {
        const fields = parseFormatString(decoded.value, parseExpression);
        if (!fields) return this.unsupported(this.pos - 1);
        formatted = true;
        parts.push(...fields);
      } else {
        parts.push(decoded.value);
      }
    }
    if (!formatted) return { t: "str", value: parts.join("") };
    return { t: "fstring", parts };
  }

}
