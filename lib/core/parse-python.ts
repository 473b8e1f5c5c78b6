// Reads an Alembic revision file statically (design principle 2: never import user code).
import type { ParseResult, Problem, ProblemKind, RevisionSource } from "./types";
import { basename } from "./posix-path";
import {
  IndentTracker,
  PythonScanner,
  decodeStringLiteral,
  readLiteral,
  type PythonLiteral,
  type SyntaxIssue,
  type Token,
} from "./python-tokens";
import { validateRevisionId } from "./revision-file";

const VARIABLES = ["revision", "down_revision", "branch_labels", "depends_on"] as const;
type Variable = (typeof VARIABLES)[number];

interface Assignment {
  name: Variable;
  line: number;
  value: PythonLiteral;
}

/** What one pass over the module found; only unconditional module-level statements count. */
interface ModuleScan {
  docstring: string | null;
  assignments: Assignment[];
  /** Bindings Retort cannot evaluate: conditional, unpacked, augmented, imported, def/class. */
  unreadable: { name: Variable; line: number; how: string }[];
  syntax: SyntaxIssue | null;
}

const STATIC_FIX =
  "Assign it once at module level as a literal: a quoted string, a tuple or list of quoted strings, or None (as Alembic's template does).";

/**
 * Parses one revision file. `revision` is null when the graph fields cannot be trusted
 * (bad or unreadable revision / down_revision); otherwise problems are findings Alembic would
 * also trip over (e.g. a syntax error in upgrade()), reported beside a usable revision.
 */
export function parsePythonRevision(path: string, text: string): ParseResult {
  const scan = scanModule(text);
  const problems: Problem[] = [];
  const report = (kind: ProblemKind, message: string, line: number | undefined, fix: string) =>
    problems.push({ kind, message, path, line, fix });

  if (scan.syntax) {
    report("syntax", `Python cannot import this file: ${scan.syntax.message}`, scan.syntax.line,
      "Fix the syntax error; Alembic imports every revision file, so one broken file stops every command.");
  }
  for (const binding of scan.unreadable) {
    report("syntax", `\`${binding.name}\` is ${binding.how}; Retort reads revision files without running them and cannot evaluate it.`,
      binding.line, STATIC_FIX);
  }
  const values = new Map<Variable, Assignment>();
  for (const assignment of scan.assignments) {
    const earlier = values.get(assignment.name);
    if (earlier) {
      problems.push({ kind: "syntax", severity: "warning", path, line: assignment.line,
        message: `\`${assignment.name}\` is assigned on line ${earlier.line} and again on line ${assignment.line}; Python keeps the last value, so Retort does too.`,
        fix: "Delete the stale assignment so the file says one thing." });
    }
    values.set(assignment.name, assignment);
  }
  // After a syntax error the rest of the file is unseen: don't also claim variables are missing.
  const unreadable = new Set<Variable>(scan.syntax ? VARIABLES : scan.unreadable.map((binding) => binding.name));
  const revision = readRevisionId(path, values.get("revision"), unreadable.has("revision"), report);
  const down = readDownRevisions(path, values.get("down_revision"), unreadable.has("down_revision"), report);
  const labels = readNames(values.get("branch_labels"), report);
  const dependsOn = readNames(values.get("depends_on"), report);
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (revision === null || down === null || labels === null || dependsOn === null) return { revision: null, problems };

  const longDoc = pythonStrip(scan.docstring ?? "");
  const source: RevisionSource = {
    revision,
    downRevisions: down,
    dependsOn,
    branchLabels: [...new Set(labels)],
    message: longDoc.split("\n\n")[0],
    longDoc,
    createDate: /^Create Date:[ \t]*(.*)$/m.exec(longDoc)?.[1].trim() ?? null,
    path,
    format: "alembic",
  };
  return { revision: source, problems };
}

type Report = (kind: ProblemKind, message: string, line: number | undefined, fix: string) => void;

function readRevisionId(path: string, assignment: Assignment | undefined, unreadable: boolean, report: Report): string | null {
  if (!assignment) {
    if (unreadable) return null;
    // Alembic's legacy rule (§1.3): without `revision`, the filename itself must be the hex id.
    const filename = basename(path);
    const legacy = /^([a-f0-9]+)\.py$/.exec(filename);
    if (legacy) return legacy[1];
    report("missing-revision-id",
      `Could not determine revision id from filename ${filename}. Be sure the 'revision' variable is declared inside the script (please see 'Upgrading from Alembic 0.1 to 0.2' in the documentation).`,
      1, "Add a module-level line such as revision = 'ab12cd34ef56'.");
    return null;
  }
  const { value, line } = assignment;
  if (value.type !== "str") {
    report(value.type === "expression" ? "syntax" : "bad-revision-id",
      `\`revision = ${describe(value)}\` is not a string literal${value.type === "expression" ? "; Retort cannot evaluate it without running the file" : ""}.`,
      line, "Write the id as a quoted string, e.g. revision = 'ab12cd34ef56'.");
    return null;
  }
  const invalid = validateRevisionId(value.value);
  if (invalid) {
    report("bad-revision-id", invalid, line, "Use letters, digits and underscores only (Alembic generates 12 hex digits).");
    return null;
  }
  return value.value;
}

function readDownRevisions(path: string, assignment: Assignment | undefined, unreadable: boolean, report: Report): string[] | null {
  if (!assignment) {
    if (unreadable) return null;
    const moduleName = basename(path).replace(/[^\p{L}\p{N}_]/gu, "_");
    report("missing-down-revision",
      `module '${moduleName}' has no attribute 'down_revision' (Alembic fails with AttributeError while loading).`,
      1, "Add down_revision = None for a base revision, or the parent's id, e.g. down_revision = 'ab12cd34ef56'.");
    return null;
  }
  const ids = readNames(assignment, report);
  if (ids === null) return null;
  if (ids.includes("")) {
    report("empty-down-revision",
      "down_revision contains an empty string '', which is not None: Alembic 1.8 quietly treats it as a base, newer Alembic fails with KeyError: ''.",
      assignment.line, "Write down_revision = None for a base revision, or the parent's full id.");
    return null;
  }
  return ids;
}

/** §1.3 normalisation: None, (), [] → none; a single string is one entry; sequences keep order. */
function readNames(assignment: Assignment | undefined, report: Report): string[] | null {
  if (!assignment) return [];
  const { name, value, line } = assignment;
  if (value.type === "none") return [];
  if (value.type === "str") return [value.value];
  if (value.type === "sequence" && (value.bracket !== "{" || name === "branch_labels")) {
    const names: string[] = [];
    for (const item of value.items) {
      if (item.type !== "str") {
        report("syntax", `\`${name}\` contains ${describe(item)}, which is not a string literal.`, line, STATIC_FIX);
        return null;
      }
      names.push(item.value);
    }
    return names;
  }
  report("syntax", `\`${name} = ${describe(value)}\` is not a literal Retort can read without running the file.`, line, STATIC_FIX);
  return null;
}

function describe(value: PythonLiteral): string {
  if (value.type === "expression") return value.source.length > 60 ? value.source.slice(0, 57) + "..." : value.source;
  if (value.type === "none") return "None";
  if (value.type === "str") return JSON.stringify(value.value);
  return value.bracket === "(" ? "a tuple" : value.bracket === "[" ? "a list" : "a set";
}

// Python's str.isspace() set; it differs from JS trim() (\x1c-\x1f and \x85 yes, \ufeff no).
const PYTHON_SPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Python's str.strip(), which Alembic applies to the docstring. */
function pythonStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PYTHON_SPACE.test(text[start])) start++;
  while (end > start && PYTHON_SPACE.test(text[end - 1])) end--;
  return text.slice(start, end);
}

/** One linear pass: tracks blocks, keeps tokens only for lines that run at import time. */
function scanModule(text: string): ModuleScan {
  const scan: ModuleScan = { docstring: null, assignments: [], unreadable: [], syntax: null };
  const scanner = new PythonScanner(text);
  const indents = new IndentTracker();
  // Per open block: is it the body of a def/class (whose assignments never reach the module)?
  const functionBlocks: boolean[] = [];
  let tokens: Token[] = [];
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
      if (!inFunction) tokens = [];
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
    if (!inFunction) tokens.push({ kind: scanner.kind, start: scanner.start, end: scanner.end, line: scanner.line });
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
function simpleTarget(target: Token[], text: string, annotationAllowed: boolean): Variable | null {
  const name = variableName(target[0], text);
  if (!name) return null;
  if (target.length === 1) return name;
  const colon = target[1];
  return annotationAllowed && colon.kind === "op" && text.slice(colon.start, colon.end) === ":" ? name : null;
}

/** Bindings without `=`: augmented assignment, def/class, import, for/with targets, del. */
function otherBinding(tokens: Token[], text: string): ModuleScan["unreadable"][number] | null {
  const first = text.slice(tokens[0].start, tokens[0].end);
  const second = tokens[1] ? text.slice(tokens[1].start, tokens[1].end) : "";
  const name = variableName(tokens[0], text);
  if (name && tokens[1]?.kind === "op" && AUGMENTED.has(second)) {
    return { name, line: tokens[0].line, how: `changed by \`${second}\`` };
  }
  const hows: Record<string, string> = {
    def: "defined as a function", class: "defined as a class", import: "imported", from: "imported",
    for: "bound by a for loop", with: "bound by a with statement", del: "deleted",
  };
  if (!Object.hasOwn(hows, first)) return null;
  const importAt = tokens.findIndex((token) => text.slice(token.start, token.end) === "import");
  const found = variableAt(tokens, text, first === "from" ? importAt + 1 : 1);
  return found ? { name: found.name, line: found.line, how: hows[first] } : null;
}

/** The first revision variable named in tokens[from..] as a whole name (not `x.revision`, `revision.x`, `revision[0]`). */
function variableAt(tokens: Token[], text: string, from: number): { name: Variable; line: number } | null {
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

function variableName(token: Token | undefined, text: string): Variable | null {
  if (!token || token.kind !== "name") return null;
  const word = text.slice(token.start, token.end);
  return (VARIABLES as readonly string[]).includes(word) ? (word as Variable) : null;
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
