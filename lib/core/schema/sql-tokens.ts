// A small SQL tokenizer for the expressions catalogs hand back (defaults, checks, predicates,
// index keys, view bodies) and for SQLite's stored DDL. It only needs to tell strings, quoted
// identifiers, words, numbers and punctuation apart; it never validates SQL.

export type TokenType = "string" | "quoted" | "word" | "number" | "op" | "punct";

export interface Token {
  type: TokenType;
  text: string;
  /** Offset in the source, for callers that cut the source text. */
  start: number;
  end: number;
}

const OPERATOR = /[<>=!+\-*/%|&^~#@?]/;
const WORD = /[A-Za-z_$\u0080-\uffff0-9]/;

export interface TokenizeOptions {
  /** MySQL: a backslash escapes the next character inside a string. */
  backslashEscapes?: boolean;
  /** SQLite: `[name]` is a quoted identifier (elsewhere `[` is an array subscript). */
  bracketIdentifiers?: boolean;
}

export function tokenize(sql: string, options: TokenizeOptions = {}): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c <= " ") {
      i++;
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? sql.length : end;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === "'") {
      i = push(tokens, "string", sql, i, closeQuote(sql, i, "'", options.backslashEscapes ?? false));
    } else if (c === '"' || c === "`" || (c === "[" && options.bracketIdentifiers)) {
      i = push(tokens, "quoted", sql, i, closeQuote(sql, i, c === "[" ? "]" : c, false));
    } else if (c >= "0" && c <= "9" || (c === "." && /[0-9]/.test(sql[i + 1] ?? ""))) {
      i = push(tokens, "number", sql, i, scanWhile(sql, i, /[0-9.eE]/));
    } else if (c === ":" && sql[i + 1] === ":") {
      i = push(tokens, "op", sql, i, i + 2);
    } else if (OPERATOR.test(c)) {
      i = push(tokens, "op", sql, i, scanWhile(sql, i, OPERATOR));
    } else if (WORD.test(c)) {
      i = push(tokens, "word", sql, i, scanWhile(sql, i, WORD));
    } else {
      i = push(tokens, "punct", sql, i, i + 1);
    }
  }
  return tokens;
}

function push(tokens: Token[], type: TokenType, sql: string, start: number, end: number): number {
  tokens.push({ type, text: sql.slice(start, end), start, end });
  return end;
}

function scanWhile(sql: string, from: number, pattern: RegExp): number {
  let i = from + 1;
  while (i < sql.length && pattern.test(sql[i]!)) i++;
  return i;
}

/** The offset just past the closing quote; a doubled quote is an escaped one. */
function closeQuote(sql: string, open: number, quote: string, backslashEscapes: boolean): number {
  let i = open + 1;
  while (i < sql.length) {
    const c = sql[i]!;
    if (backslashEscapes && c === "\\") {
      i += 2;
    } else if (c === quote) {
      if (sql[i + 1] === quote && quote !== "]") i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return sql.length;
}

/** Index of the token closing the parenthesis opened at `open`, or -1. */
export function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!.text;
    if (tokens[i]!.type !== "punct") continue;
    if (t === "(") depth++;
    else if (t === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Splits tokens on top-level commas (outside parentheses). */
export function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.type === "punct" && token.text === "(") depth++;
    if (token.type === "punct" && token.text === ")") depth--;
    if (depth === 0 && token.type === "punct" && token.text === ",") parts.push([]);
    else parts[parts.length - 1]!.push(token);
  }
  return parts.filter((part) => part.length > 0);
}

/** A quoted identifier's name without its quotes (doubled quotes undone); a word as written. */
export function identifierText(token: Token): string {
  if (token.type !== "quoted") return token.text;
  const quote = token.text[0]!;
  const inner = token.text.slice(1, -1);
  return quote === "[" ? inner : inner.split(quote + quote).join(quote);
}
