// Column defaults in one spelling, so a default written `'x'` and read back as `'x'::text`, or
// written `CURRENT_TIMESTAMP` and read back as `current_timestamp()`, compares equal. Idempotent.
import type { SchemaDialect } from "./model";
import { normaliseExpression, stripOuterParens } from "./normalise-expression";
import { type Token, tokenize } from "./sql-tokens";

export interface DefaultContext {
  /** MySQL: information_schema.COLUMNS.EXTRA (`DEFAULT_GENERATED` marks an expression default). */
  extra?: string;
  /**
   * MySQL: whether literal defaults arrive quoted. MariaDB quotes them in information_schema and so
   * does Retort's canonical form (the default); MySQL 8 does not, so its reader passes false.
   */
  quotedLiterals?: boolean;
}

export function normaliseDefault(raw: string | null | undefined, dialect: SchemaDialect, context: DefaultContext = {}): string | null {
  if (raw === null || raw === undefined) return null;
  if (dialect === "mysql") return normaliseMysqlDefault(raw, context);
  const expression = normaliseExpression(raw, dialect);
  if (expression === "" || expression === "null") return null;
  if (dialect === "postgresql") {
    const value = normalisePostgresDefault(expression);
    return value === "null" ? null : value;
  }
  return sameTimestamp(expression);
}

/** `nextval('s'::regclass)` → `nextval('s')`; `'x'::text` → `'x'`; `(-1)` → `-1`; `CURRENT_TIMESTAMP` → `now()`. */
function normalisePostgresDefault(expression: string): string {
  const withoutRegclass = expression.replace(/^nextval\(('(?:[^']|'')*')::regclass\)$/, "nextval($1)");
  const tokens = stripOuterParens(tokenize(withoutRegclass));
  const literal = literalBeforeCasts(tokens);
  if (literal !== null) return literal;
  // Both are the transaction's start time; PostgreSQL keeps whichever spelling was written.
  if (withoutRegclass === "current_timestamp") return "now()";
  return withoutRegclass;
}

/**
 * A literal followed only by casts (`'x'::text`, `'0'::numeric`, `(0)::bigint`) is the literal:
 * PostgreSQL adds the cast to the column's own type, which the column already states.
 */
function literalBeforeCasts(tokens: Token[]): string | null {
  const castAt = tokens.findIndex((t) => t.type === "op" && t.text === "::");
  if (castAt < 0) return null;
  const head = stripOuterParens(tokens.slice(0, castAt));
  const tail = tokens.slice(castAt);
  const castChain = tail.every((t) => t.type === "word" || t.type === "quoted" || t.type === "number" || CAST_MARKS.has(t.text));
  if (!castChain) return null;
  const single = head.length === 1 ? head[0]! : null;
  if (single && (single.type === "string" || single.type === "number" || LITERAL_WORDS.has(single.text))) return unquoteNumber(single.text);
  if (head.length === 2 && head[0]!.text === "-" && head[1]!.type === "number") return `-${head[1]!.text}`;
  return null;
}

const LITERAL_WORDS = new Set(["null", "true", "false"]);
const CAST_MARKS = new Set(["::", "(", ")", ",", "[", "]", "."]);

/** `'0'` and `0` are the same default for a number column; PostgreSQL writes numerics as strings. */
function unquoteNumber(text: string): string {
  const inner = /^'(-?\d+(?:\.\d+)?)'$/.exec(text);
  return inner ? inner[1]! : text;
}

function sameTimestamp(expression: string): string {
  return /^(current_timestamp|now)(\(\))?$/.test(expression) ? "current_timestamp" : expression;
}

function normaliseMysqlDefault(raw: string, context: DefaultContext): string | null {
  const extra = (context.extra ?? "").toLowerCase();
  const quoted = context.quotedLiterals ?? true;
  const trimmed = raw.trim();
  // MariaDB reports "no default" on a nullable column as the word NULL; a literal 'NULL' is quoted.
  if (trimmed.toUpperCase() === "NULL" && (quoted || !extra.includes("default_generated"))) return null;
  const isExpression = quoted ? !trimmed.startsWith("'") : extra.includes("default_generated") || /^current_timestamp/i.test(trimmed);
  if (!isExpression) {
    const literal = quoted ? trimmed : `'${trimmed.replace(/'/g, "''")}'`;
    return unquoteNumber(literal);
  }
  return sameTimestamp(normaliseExpression(trimmed, "mysql"));
}
