// f-string bodies: literal text and `{expr!r:spec}` fields, each field's expression parsed by
// the caller's expression parser.
import type { Expr, FormatField } from "./ast";

/** The literal text and `{expr!r:spec}` fields of an f-string body; null when malformed. */
export function parseFormatString(body: string, parse: (source: string) => Expr): (string | FormatField)[] | null {
  const parts: (string | FormatField)[] = [];
  let literal = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if ((c === "{" || c === "}") && body[i + 1] === c) {
      literal += c;
      i++;
    } else if (c === "}") {
      return null;
    } else if (c === "{") {
      const end = fieldEnd(body, i + 1);
      if (end < 0) return null;
      if (literal) parts.push(literal);
      literal = "";
      const field = parseField(body.slice(i + 1, end), parse);
      if (!field) return null;
      parts.push(field);
      i = end;
    } else {
      literal += c;
    }
  }
  if (literal) parts.push(literal);
  return parts;
}

function fieldEnd(body: string, from: number): number {
  let depth = 0;
  let quote = "";
  for (let i = from; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
    else if (c === "}") return i;
  }
  return -1;
}

function parseField(source: string, parse: (source: string) => Expr): FormatField | null {
  const match = /^(.*?)(?:!([rs]))?(?::([^{}]*))?$/s.exec(source);
  if (!match || match[1].trim() === "") return null;
  return { expr: parse(match[1].replace(/=\s*$/, "")), conversion: (match[2] as "r" | "s" | undefined) ?? null, spec: match[3] ?? "" };
}
