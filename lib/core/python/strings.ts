// Python string literals in both directions: the value a literal token denotes, and repr() of a str.

export type StringLiteralKind = "str" | "bytes" | "fstring";

/** The value of one string token (prefix, quotes and escapes handled as CPython does). */
export function decodeStringLiteral(literal: string): { value: string; kind: StringLiteralKind } {
  let quoteAt = 0;
  while (literal[quoteAt] !== '"' && literal[quoteAt] !== "'") quoteAt++;
  const prefix = literal.slice(0, quoteAt).toLowerCase();
  const quoteLength = literal.startsWith(literal[quoteAt].repeat(3), quoteAt) && literal.length - quoteAt >= 6 ? 3 : 1;
  // Source files are read with universal newlines, so "\r\n" inside a literal is "\n".
  const body = literal.slice(quoteAt + quoteLength, literal.length - quoteLength).replace(/\r\n?/g, "\n");
  const kind: StringLiteralKind = prefix.includes("b") ? "bytes" : /[ft]/.test(prefix) ? "fstring" : "str";
  return { value: prefix.includes("r") ? body : decodeEscapes(body), kind };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\n": "",
};

function decodeEscapes(body: string): string {
  if (!body.includes("\\")) return body;
  let out = "";
  let i = 0;
  while (i < body.length) {
    const slash = body.indexOf("\\", i);
    if (slash < 0 || slash === body.length - 1) {
      out += body.slice(i);
      break;
    }
    out += body.slice(i, slash);
    const [text, consumed] = decodeOneEscape(body, slash + 1);
    out += text;
    i = slash + 1 + consumed;
  }
  return out;
}

function decodeOneEscape(body: string, at: number): [string, number] {
  const c = body[at];
  if (c in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[c], 1];
  const octal = /^[0-7]{1,3}/.exec(body.slice(at, at + 3));
  if (octal) return [String.fromCodePoint(parseInt(octal[0], 8)), octal[0].length];
  const width = c === "x" ? 2 : c === "u" ? 4 : c === "U" ? 8 : 0;
  const hex = body.slice(at + 1, at + 1 + width);
  if (width > 0 && hex.length === width && /^[0-9a-fA-F]+$/.test(hex)) {
    const code = parseInt(hex, 16);
    if (code <= 0x10ffff) return [String.fromCodePoint(code), 1 + width];
  }
  // Unknown escapes (and \N{...}, which needs the Unicode name table) stay as written.
  return ["\\" + c, 1];
}

/** Python's repr() of a str: the quoting Alembic's templates and error messages print. */
export function pythonRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of value) {
    if (char === "\\" || char === quote) out += "\\" + char;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (char !== " " && /[\p{C}\p{Z}]/u.test(char)) out += escapeCodePoint(char.codePointAt(0) ?? 0);
    else out += char;
  }
  return out + quote;
}

function escapeCodePoint(code: number): string {
  if (code < 0x100) return "\\x" + code.toString(16).padStart(2, "0");
  if (code < 0x10000) return "\\u" + code.toString(16).padStart(4, "0");
  return "\\U" + code.toString(16).padStart(8, "0");
}
