// Which revision variables a revision file binds at import time, and to what literal.
import { IndentTracker } from "./python-indent";
import { readLiteral, type PythonLiteral } from "./python-literal";
import { decodeStringLiteral } from "./python-strings";
import { PythonScanner, type SyntaxIssue, type Token } from "./python-tokens";

export const VARIABLES = ["revision", "down_revision", "branch_labels", "depends_on"] as const;
export type RevisionVariable = (typeof VARIABLES)[number];

export interface Assignment {
  name: RevisionVariable;
  line: number;
  value: PythonLiteral;
}

/** What one pass over the module found; only unconditional module-level statements count. */
export interface ModuleScan {
  docstring: string | null;
  assignments: Assignment[];
  /** Bindings Retort cannot evaluate: conditional, unpacked, augmented, imported, def/class. */
  unreadable: { name: RevisionVariable; line: number; how: string }[];
  syntax: SyntaxIssue | null;
}

/** One linear pass: tracks blocks, keeps tokens only for lines that run at import time. */
export function scanModule(text: string): ModuleScan {
  const scan: ModuleScan = { docstring: null, assignments: [], unreadable: [], syntax: null };
  const scanner = new PythonScanner(text);
  const indents = new IndentTracker();
  // Per open block: is it the body of a def/class (whose assignments never reach the module)?
  const functionBlocks: boolean[] = [];
  // The current statement's tokens. Token objects are reused from line to line (nothing keeps one
  // past readStatement): allocating one per module-level token was most of the scan's garbage.
  const tokens: Token[] = [];
  const pool: Token[] = [];
  let inFunction = false;
  let count = 0;
  let isFunctionHeader = false;
  let isAsync = false;
  let endsWithColon = false;
  let statementIndex = 0;
  while (scanner.next() !== "eof") {
    if (scanner.atLineStart) {
      const before = indents.depth;
      scan.syntax = indents.enter(scanner.indent, scanner.line);
      if (scan.syntax) return scan;
      if (indents.depth > before) functionBlocks.push(isFunctionHeader);
      functionBlocks.length = indents.depth;
      inFunction = functionBlocks.includes(true);
      if (!inFunction) tokens.length = 0;
      count = 0;
    }
    if (scanner.kind === "newline") {
      indents.leave(endsWithColon, scanner.line);
      if (!inFunction) readStatement(scan, tokens, text, statementIndex === 0, indents.depth > 0);
      statementIndex++;
      continue;
    }
    if (count === 0) {
      isAsync = scanner.isName("async");
      isFunctionHeader = scanner.isName("def") || scanner.isName("class");
    } else if (count === 1 && isAsync) {
      isFunctionHeader = scanner.isName("def");
    }
    count++;
    endsWithColon = scanner.isOp(":");
    if (!inFunction) {
      const token = pool[tokens.length] ?? (pool[tokens.length] = { kind: "eof", start: 0, end: 0, line: 0 });
      token.kind = scanner.kind;
      token.start = scanner.start;
      token.end = scanner.end;
      token.line = scanner.line;
      tokens.push(token);
    }
  }
  scan.syntax = scanner.issue ?? indents.finish();
  return scan;
}

const AUGMENTED = new Set(["+=", "-=", "*=", "/=", "//=", "%=", "@=", "&=", "|=", "^=", ">>=", "<<=", "**="]);

/** Records what one statement that runs at import time does to the revision variables. */
function readStatement(scan: ModuleScan, tokens: Token[], text: string, isFirst: boolean, conditional: boolean): void {
  if (tokens.length === 0) return;
  if (isFirst && tokens.every((token) => token.kind === "string")) {
    scan.docstring = readDocstring(tokens, text);
    return;
  }
  const equals = topLevelEquals(tokens, text);
  if (equals.length === 0) {
    const binding = otherBinding(tokens, text);
    if (binding) scan.unreadable.push(binding);
    return;
  }
  const valueStart = equals[equals.length - 1] + 1;
  let targetStart = 0;
  for (const at of equals) {
    const target = tokens.slice(targetStart, at);
    targetStart = at + 1;
    const name = simpleTarget(target, text, equals.length === 1);
    if (name && conditional) {
      scan.unreadable.push({ name, line: target[0].line, how: "assigned inside an indented block (if/try/with/for) at module level" });
    } else if (name) {
      scan.assignments.push({ name, line: target[0].line, value: readLiteral(tokens, text, valueStart, tokens.length) });
    } else {
      const unpacked = variableAt(target, text, 0);
      if (unpacked) scan.unreadable.push({ name: unpacked.name, line: unpacked.line, how: "assigned by unpacking" });
    }
  }
}

function topLevelEquals(tokens: Token[], text: string): number[] {
  const equals: number[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== "op") continue;
    const op = text.slice(token.start, token.end);
    if (op === "(" || op === "[" || op === "{") depth++;
    else if (op === ")" || op === "]" || op === "}") depth--;
    else if (op === "=" && depth === 0) equals.push(i);
  }
  return equals;
}

/** `name` or (for a single `=`) `name: annotation`; the annotation is never evaluated. */
function simpleTarget(target: Token[], text: string, annotationAllowed: boolean): RevisionVariable | null {
  const name = variableName(target[0], text);
  if (!name) return null;
  if (target.length === 1) return name;
  const colon = target[1];
  return annotationAllowed && colon.kind === "op" && text.slice(colon.start, colon.end) === ":" ? name : null;
}

const BINDING_STATEMENTS: Record<string, string> = {
  def: "defined as a function", class: "defined as a class", import: "imported", from: "imported",
  for: "bound by a for loop", with: "bound by a with statement", del: "deleted",
};

/** Bindings without `=`: augmented assignment, def/class, import, for/with targets, del. */
function otherBinding(tokens: Token[], text: string): ModuleScan["unreadable"][number] | null {
  const first = text.slice(tokens[0].start, tokens[0].end);
  const second = tokens[1] ? text.slice(tokens[1].start, tokens[1].end) : "";
  const name = variableName(tokens[0], text);
  if (name && tokens[1]?.kind === "op" && AUGMENTED.has(second)) {
    return { name, line: tokens[0].line, how: `changed by \`${second}\`` };
  }
  if (!Object.hasOwn(BINDING_STATEMENTS, first)) return null;
  const importAt = tokens.findIndex((token) => text.slice(token.start, token.end) === "import");
  const found = variableAt(tokens, text, first === "from" ? importAt + 1 : 1);
  return found ? { name: found.name, line: found.line, how: BINDING_STATEMENTS[first] } : null;
}

/** The first revision variable named in tokens[from..] as a whole name (not `x.revision`, `revision.x`, `revision[0]`). */
function variableAt(tokens: Token[], text: string, from: number): { name: RevisionVariable; line: number } | null {
  let depth = 0;
  for (let i = Math.max(from, 0); i < tokens.length; i++) {
    const token = tokens[i];
    const op = token.kind === "op" ? text.slice(token.start, token.end) : "";
    if (op === "(" || op === "[" || op === "{") depth++;
    if (op === ")" || op === "]" || op === "}") depth--;
    const name = variableName(token, text);
    if (!name || depth > 1) continue;
    const before = i > 0 ? text.slice(tokens[i - 1].start, tokens[i - 1].end) : "";
    const after = tokens[i + 1] ? text.slice(tokens[i + 1].start, tokens[i + 1].end) : "";
    if (before !== "." && after !== "." && after !== "[" && after !== "(") return { name, line: token.line };
  }
  return null;
}

function variableName(token: Token | undefined, text: string): RevisionVariable | null {
  if (!token || token.kind !== "name") return null;
  const word = text.slice(token.start, token.end);
  return (VARIABLES as readonly string[]).includes(word) ? (word as RevisionVariable) : null;
}

/** A module docstring is a first statement made only of str literals (bytes and f-strings are not). */
function readDocstring(tokens: Token[], text: string): string | null {
  let doc = "";
  for (const token of tokens) {
    const literal = decodeStringLiteral(text.slice(token.start, token.end));
    if (literal.kind !== "str") return null;
    doc += literal.value;
  }
  return doc;
}
