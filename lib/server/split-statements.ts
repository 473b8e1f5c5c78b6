import "server-only";

/**
 * Splits a script into statements at top-level semicolons, respecting '…' and E'…' strings,
 * "…" identifiers, $tag$…$tag$ bodies, -- comments and nested /* … *\/ comments.
 * Needed for non-transactional steps: a multi-statement query string runs as one implicit
 * transaction, where CREATE INDEX CONCURRENTLY is refused. Pieces holding only comments are dropped.
 * Known limit: SQL-standard `BEGIN ATOMIC … END` function bodies are not recognised.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < script.length) {
    const char = script[i];
    if (char === ";") {
      pushStatement(statements, script.slice(start, i));
      start = ++i;
    } else {
      i = skipToken(script, i);
    }
  }
  pushStatement(statements, script.slice(start));
  return statements;
}

function pushStatement(statements: string[], piece: string): void {
  const text = piece.trim();
  if (text && !isOnlyComments(text)) statements.push(text);
}

function isOnlyComments(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) i++;
    else if (text.startsWith("--", i) || text.startsWith("/*", i)) i = skipToken(text, i);
    else return false;
  }
  return true;
}

/** Index just past the token starting at `i` (a quoted run, a comment, or one character). */
function skipToken(s: string, i: number): number {
  const char = s[i];
  if (char === "-" && s[i + 1] === "-") {
    const end = s.indexOf("\n", i);
    return end === -1 ? s.length : end + 1;
  }
  if (char === "/" && s[i + 1] === "*") return skipBlockComment(s, i);
  if (char === "'") return skipQuoted(s, i, "'", isEscapeString(s, i));
  if (char === '"') return skipQuoted(s, i, '"', false);
  if (char === "$") return skipDollarQuoted(s, i);
  return i + 1;
}

function isEscapeString(s: string, quoteIndex: number): boolean {
  const prefix = s[quoteIndex - 1];
  return (prefix === "E" || prefix === "e") && !/[A-Za-z0-9_]/.test(s[quoteIndex - 2] ?? "");
}

function skipQuoted(s: string, i: number, quote: string, backslashEscapes: boolean): number {
  let j = i + 1;
  while (j < s.length) {
    if (backslashEscapes && s[j] === "\\") j += 2;
    else if (s[j] === quote && s[j + 1] === quote) j += 2;
    else if (s[j] === quote) return j + 1;
    else j++;
  }
  return s.length;
}

function skipBlockComment(s: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < s.length) {
    if (s.startsWith("/*", j)) {
      depth++;
      j += 2;
    } else if (s.startsWith("*/", j)) {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else j++;
  }
  return s.length;
}

function skipDollarQuoted(s: string, i: number): number {
  // $1 is a parameter, not a quote; a tag is an identifier (no leading digit) or empty.
  const match = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(s.slice(i, i + 66));
  if (!match || /[A-Za-z0-9_]/.test(s[i - 1] ?? "")) return i + 1;
  const tag = match[0];
  const end = s.indexOf(tag, i + tag.length);
  return end === -1 ? s.length : end + tag.length;
}
