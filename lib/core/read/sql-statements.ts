// Splits a migration body into statements, so each can run (and fail) on its own and a failure
// can name its line. Quotes, comments and dollar-quoted bodies are skipped; the bodies of
// CREATE TRIGGER / PROCEDURE / FUNCTION / EVENT, whose BEGIN … END blocks hold `;`, stay whole.

export interface SqlStatement {
  text: string;
  /** Where `text` starts in the input. */
  offset: number;
}

export interface SplitOptions {
  /** MySQL: backslash escapes in '…' and "…", backtick identifiers, `#` comments. */
  mysql?: boolean;
}

const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
const WORD = /[A-Za-z_][A-Za-z0-9_$]*/y;
const COMPOUND = /^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*CREATE\b[\s\S]*?\b(?:TRIGGER|PROCEDURE|FUNCTION|EVENT)\b/i;
// `END IF`, `END LOOP`, … close their own constructs, not a BEGIN or CASE.
const OWN_END = /^(?:\s+)(IF|LOOP|WHILE|REPEAT)\b/i;

export function sqlStatements(sql: string, options: SplitOptions = {}): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = 0;
  let hasCode = false;
  let depth = 0;
  let i = 0;
  const push = (end: number) => {
    const raw = sql.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    statements.push({ text: raw.trim(), offset: start + lead });
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if ((c === "-" && next === "-") || (c === "#" && options.mysql)) {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? sql.length : end;
      continue;
    }
    if (c === "/" && next === "*") {
      i = skipBlockComment(sql, i);
      continue;
    }
    if (c === ";" && depth === 0) {
      if (hasCode) push(i);
      start = i + 1;
      hasCode = false;
      i++;
      continue;
    }
    if (c > " ") hasCode = true;
    if (/[A-Za-z_]/.test(c) && !/[\w$]/.test(sql[i - 1] ?? "")) {
      WORD.lastIndex = i;
      const word = WORD.exec(sql)![0];
      const end = i + word.length;
      depth = Math.max(0, depth + blockChange(word.toUpperCase(), sql, start, end, depth));
      i = end;
      continue;
    }
    i = c === "'" || c === '"' || (c === "`" && options.mysql) ? skipQuoted(sql, i, options) : c === "$" ? skipDollarQuoted(sql, i) : i + 1;
  }
  if (hasCode) push(sql.length);
  return statements;
}

/** How a keyword changes the BEGIN … END nesting of a compound statement (others never nest). */
function blockChange(word: string, sql: string, start: number, end: number, depth: number): number {
  if (word !== "BEGIN" && word !== "CASE" && word !== "END") return 0;
  if (depth === 0 && word !== "BEGIN") return 0;
  if (depth === 0 && !COMPOUND.test(sql.slice(start, end))) return 0;
  if (word === "END") return OWN_END.test(sql.slice(end, end + 12)) ? 0 : -1;
  return 1;
}

export function splitSqlStatements(sql: string, options: SplitOptions = {}): string[] {
  return sqlStatements(sql, options).map((statement) => statement.text);
}

function skipBlockComment(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql[i] === "/" && sql[i + 1] === "*") {
      depth++;
      i += 2;
    } else if (sql[i] === "*" && sql[i + 1] === "/") {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return i;
}

/** '…' with '' doubling (and backslash escapes after an E prefix, or always on MySQL), "…" and `…` alike. */
function skipQuoted(sql: string, from: number, options: SplitOptions): number {
  const quote = sql[from];
  const eString = quote === "'" && /[eE]/.test(sql[from - 1] ?? "") && !/[\w$]/.test(sql[from - 2] ?? "");
  const backslashes = quote !== "`" && (eString || options.mysql === true);
  let i = from + 1;
  while (i < sql.length) {
    if (backslashes && sql[i] === "\\") i += 2;
    else if (sql[i] === quote && sql[i + 1] === quote) i += 2;
    else if (sql[i] === quote) return i + 1;
    else i++;
  }
  return i;
}

function skipDollarQuoted(sql: string, from: number): number {
  // `$1` parameters and identifiers like a$b$ are not dollar quotes.
  if (from > 0 && /[\w$]/.test(sql[from - 1])) return from + 1;
  DOLLAR_TAG.lastIndex = from;
  const tag = DOLLAR_TAG.exec(sql);
  if (!tag) return from + 1;
  const close = sql.indexOf(tag[0], from + tag[0].length);
  return close < 0 ? sql.length : close + tag[0].length;
}
