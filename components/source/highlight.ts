// A small, forgiving tokenizer for SQL and Python revision files: enough to colour keywords,
// strings, comments and numbers. Unknown input is passed through as plain text.

export type TokenKind = "plain" | "keyword" | "string" | "comment" | "number" | "meta" | "decorator" | "constant";
export interface Token {
  kind: TokenKind;
  text: string;
}
export type Language = "sql" | "python";

const SQL_KEYWORDS = new Set(
  `add all alter and as asc begin between by cascade case check column commit concurrently constraint create
  default delete desc distinct drop else end exists foreign from function grant group having if in index insert
  into is join key left limit not null on or order primary references rename replace returning revoke right
  rollback select set table then to transaction trigger truncate type union unique update using values view
  when where with bigint bigserial boolean char date decimal generated always identity integer int jsonb json
  numeric serial smallint text timestamp timestamptz uuid varchar now true false`
    .split(/\s+/)
    .filter(Boolean),
);

const PYTHON_KEYWORDS = new Set(
  `and as assert async await break class continue def del elif else except finally for from global if import
  in is lambda nonlocal not or pass raise return try while with yield`.split(/\s+/).filter(Boolean),
);
const PYTHON_CONSTANTS = new Set(["None", "True", "False"]);

export function tokenize(source: string, language: Language): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === kind) last.text += text;
    else tokens.push({ kind, text });
  };
  let i = 0;
  while (i < source.length) {
    const end = language === "sql" ? scanSql(source, i, push) : scanPython(source, i, push);
    i = end > i ? end : i + 1;
  }
  return tokens;
}

type Push = (kind: TokenKind, text: string) => void;

function scanSql(s: string, i: number, push: Push): number {
  const c = s[i];
  if (c === "-" && s[i + 1] === "-") {
    const end = lineEnd(s, i);
    const text = s.slice(i, end);
    // Retort's headers and migrate markers read as metadata, not prose.
    push(/^--\s*(migrate:(up|down)|[a-z_]+:)/.test(text) ? "meta" : "comment", text);
    return end;
  }
  if (c === "/" && s[i + 1] === "*") return emitUntil(s, i, "*/", "comment", push);
  if (c === "'") return emitQuoted(s, i, "'", "string", push, false);
  if (c === '"') return emitQuoted(s, i, '"', "plain", push, false);
  if (c === "$") {
    const tag = /^\$[A-Za-z_]*\$/.exec(s.slice(i, i + 40));
    if (tag) return emitUntil(s, i, tag[0], "string", push, tag[0].length);
  }
  return scanWordOrNumber(s, i, push, (w) => (SQL_KEYWORDS.has(w.toLowerCase()) ? "keyword" : "plain"));
}

function scanPython(s: string, i: number, push: Push): number {
  const c = s[i];
  if (c === "#") {
    const end = lineEnd(s, i);
    push("comment", s.slice(i, end));
    return end;
  }
  const prefix = /^[rRbBuUfF]{0,2}(?='|")/.exec(s.slice(i, i + 3));
  if (prefix && (i === 0 || !/[\w]/.test(s[i - 1]))) {
    const q = i + prefix[0].length;
    const triple = s.slice(q, q + 3);
    if (triple === '"""' || triple === "'''") return emitUntil(s, i, triple, "string", push, prefix[0].length + 3);
    return emitQuoted(s, i, s[q], "string", push, true, prefix[0].length);
  }
  if (c === "@" && /^\s*$/.test(s.slice(s.lastIndexOf("\n", i - 1) + 1, i))) {
    const m = /^@[\w.]+/.exec(s.slice(i));
    if (m) {
      push("decorator", m[0]);
      return i + m[0].length;
    }
  }
  return scanWordOrNumber(s, i, push, (w) =>
    PYTHON_KEYWORDS.has(w) ? "keyword" : PYTHON_CONSTANTS.has(w) ? "constant" : "plain",
  );
}

function scanWordOrNumber(s: string, i: number, push: Push, classify: (word: string) => TokenKind): number {
  const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i, i + 200));
  if (word) {
    push(classify(word[0]), word[0]);
    return i + word[0].length;
  }
  const num = /^\d+(\.\d+)?/.exec(s.slice(i, i + 50));
  if (num && (i === 0 || !/[\w]/.test(s[i - 1]))) {
    push("number", num[0]);
    return i + num[0].length;
  }
  push("plain", s[i]);
  return i + 1;
}

function lineEnd(s: string, i: number): number {
  const nl = s.indexOf("\n", i);
  return nl === -1 ? s.length : nl;
}

function emitUntil(s: string, i: number, close: string, kind: TokenKind, push: Push, skip = close.length): number {
  const found = s.indexOf(close, i + skip);
  const end = found === -1 ? s.length : found + close.length;
  push(kind, s.slice(i, end));
  return end;
}

function emitQuoted(s: string, i: number, quote: string, kind: TokenKind, push: Push, escapes: boolean, skip = 0): number {
  let j = i + skip + 1;
  while (j < s.length && s[j] !== "\n") {
    if (escapes && s[j] === "\\") j += 2;
    else if (s[j] === quote) {
      // SQL doubles a quote to escape it.
      if (!escapes && s[j + 1] === quote) j += 2;
      else return push(kind, s.slice(i, j + 1)), j + 1;
    } else j++;
  }
  push(kind, s.slice(i, j));
  return j;
}

/** Tokens split into lines, for numbered rendering. */
export function toLines(tokens: readonly Token[]): Token[][] {
  const lines: Token[][] = [[]];
  for (const token of tokens) {
    const parts = token.text.split("\n");
    parts.forEach((part, k) => {
      if (k > 0) lines.push([]);
      if (part !== "") lines[lines.length - 1].push({ kind: token.kind, text: part });
    });
  }
  return lines;
}
