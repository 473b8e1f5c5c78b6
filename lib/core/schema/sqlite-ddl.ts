// What SQLite keeps only in the DDL text of sqlite_schema: CHECK constraints, generated column
// expressions, AUTOINCREMENT, and index keys that are expressions or carry a WHERE clause. The
// pragmas give everything else. A reader of SQLite's own grammar, for the parts Retort compares.
import { identifierText, matchingParen, splitTopLevel, type Token, tokenize } from "./sql-tokens";

export interface SqliteTableDdl {
  checks: { name: string | null; expression: string }[];
  generated: Map<string, { expression: string; stored: boolean }>;
  autoincrement: Set<string>;
}

const TABLE_CONSTRAINT = new Set(["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]);

export function parseSqliteTable(sql: string): SqliteTableDdl {
  const result: SqliteTableDdl = { checks: [], generated: new Map(), autoincrement: new Set() };
  const tokens = tokenize(sql, { bracketIdentifiers: true });
  const open = tokens.findIndex((t) => t.type === "punct" && t.text === "(");
  const close = open < 0 ? -1 : matchingParen(tokens, open);
  if (close < 0) return result;
  for (const item of splitTopLevel(tokens.slice(open + 1, close))) {
    const first = item[0]!;
    const column = first.type === "word" && TABLE_CONSTRAINT.has(first.text.toUpperCase()) ? null : identifierText(first);
    readItem(sql, item, column, result);
  }
  return result;
}

function readItem(sql: string, item: Token[], column: string | null, result: SqliteTableDdl): void {
  let constraintName: string | null = null;
  for (let i = 0; i < item.length; i++) {
    const word = item[i]!.type === "word" ? item[i]!.text.toUpperCase() : "";
    if (word === "CONSTRAINT" && item[i + 1]) {
      constraintName = identifierText(item[i + 1]!);
      i++;
    } else if (word === "CHECK" && isOpen(item[i + 1])) {
      const end = matchingParen(item, i + 1);
      result.checks.push({ name: constraintName, expression: inner(sql, item, i + 1, end) });
      constraintName = null;
      i = end;
    } else if (word === "AS" && column && isOpen(item[i + 1])) {
      const end = matchingParen(item, i + 1);
      const stored = item[end + 1]?.text.toUpperCase() === "STORED";
      result.generated.set(column, { expression: inner(sql, item, i + 1, end), stored });
      i = end;
    } else if (word === "AUTOINCREMENT" && column) {
      result.autoincrement.add(column);
    }
  }
}

export interface SqliteIndexDdl {
  /** Key parts in order: a column name or an expression, with ` desc` when descending. */
  columns: string[];
  predicate: string | null;
}

export function parseSqliteIndex(sql: string): SqliteIndexDdl | null {
  const tokens = tokenize(sql, { bracketIdentifiers: true });
  const on = tokens.findIndex((t) => t.type === "word" && t.text.toUpperCase() === "ON");
  const open = tokens.findIndex((t, i) => i > on && isOpen(t));
  const close = on < 0 || open < 0 ? -1 : matchingParen(tokens, open);
  if (close < 0) return null;
  const columns = splitTopLevel(tokens.slice(open + 1, close)).map((part) => indexKey(sql, part));
  const where = tokens.findIndex((t, i) => i > close && t.type === "word" && t.text.toUpperCase() === "WHERE");
  const predicate = where < 0 ? null : sql.slice(tokens[where + 1]?.start ?? sql.length).trim().replace(/;$/, "") || null;
  return { columns, predicate };
}

function indexKey(sql: string, part: Token[]): string {
  let end = part.length;
  const last = part[end - 1]!.text.toUpperCase();
  const descending = last === "DESC";
  if (last === "DESC" || last === "ASC") end--;
  const body = part.slice(0, end);
  const text = body.length === 1 ? identifierText(body[0]!) : sql.slice(body[0]!.start, body[body.length - 1]!.end);
  return descending ? `${text} desc` : text;
}

function isOpen(token: Token | undefined): boolean {
  return token !== undefined && token.type === "punct" && token.text === "(";
}

function inner(sql: string, tokens: Token[], open: number, close: number): string {
  return sql.slice(tokens[open]!.end, tokens[close]!.start).trim();
}
