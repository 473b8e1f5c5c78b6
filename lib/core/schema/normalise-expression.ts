// Expressions (defaults, checks, partial-index predicates, index keys, view bodies) in one
// spelling: unquoted words lower-cased, needless identifier quotes and outer parentheses
// removed, one space between tokens except around ( ) , . and ::. Idempotent.
import type { SchemaDialect } from "./model";
import { identifierText, matchingParen, type Token, tokenize } from "./sql-tokens";

const PLAIN_LOWER = /^[a-z_][a-z0-9_$]*$/;
const PLAIN_ANY_CASE = /^[A-Za-z_][A-Za-z0-9_$]*$/;

export function normaliseExpression(text: string, dialect: SchemaDialect): string {
  const tokens = tokenize(text.trim().replace(/;\s*$/, ""), { backslashEscapes: dialect === "mysql", bracketIdentifiers: dialect === "sqlite" });
  return render(stripOuterParens(tokens).map((t) => canonicalToken(t, dialect)));
}

function canonicalToken(token: Token, dialect: SchemaDialect): Token {
  if (token.type === "word") return { ...token, text: token.text.toLowerCase() };
  if (token.type !== "quoted") return token;
  const name = identifierText(token);
  // PostgreSQL folds unquoted names to lower case, so only a lower-case quoted name equals a bare
  // one there; SQLite and MySQL compare column names without regard to case.
  if (dialect === "postgresql") return PLAIN_LOWER.test(name) ? { ...token, type: "word", text: name } : token;
  return PLAIN_ANY_CASE.test(name) ? { ...token, type: "word", text: name.toLowerCase() } : token;
}

/** `((a > 0))` → `a > 0`; `(a) + (b)` is left alone because its parentheses do not enclose it all. */
export function stripOuterParens(tokens: Token[]): Token[] {
  let current = tokens;
  while (current.length >= 2 && current[0]!.text === "(" && current[0]!.type === "punct" && matchingParen(current, 0) === current.length - 1) {
    current = current.slice(1, -1);
  }
  return current;
}

function render(tokens: readonly Token[]): string {
  let out = "";
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    if (previous && needsSpace(previous, token, tokens[i - 2])) out += " ";
    out += token.text;
  });
  return out;
}

function needsSpace(previous: Token, token: Token, beforePrevious: Token | undefined): boolean {
  if ([")", ",", ".", "::", "]", "["].some((t) => isMark(token, t))) return false;
  // A call or a cast keeps its parenthesis: lower(email), numeric(10,2); `in (`, `and (` do not.
  if (isMark(token, "(")) return previous.type === "op" || isMark(previous, ",") || KEYWORDS_BEFORE_PAREN.has(previous.text);
  if (["(", ".", "::", "["].some((t) => isMark(previous, t))) return false;
  // A sign directly after an operator, a comma or an opening parenthesis is part of the number.
  if (previous.type === "op" && (previous.text === "-" || previous.text === "+") && token.type === "number") {
    return !(beforePrevious === undefined || beforePrevious.type === "op" || isMark(beforePrevious, "(") || isMark(beforePrevious, ","));
  }
  return true;
}

function isMark(token: Token, text: string): boolean {
  return (token.type === "punct" || token.type === "op") && token.text === text;
}

const KEYWORDS_BEFORE_PAREN = new Set(["in", "and", "or", "not", "as", "on", "exists", "any", "all", "some", "then", "else", "when", "where", "select", "from", "join", "by", "having", "between", "is", "like", "case", "using", "with", "values", "union", "except", "intersect", "distinct"]);
