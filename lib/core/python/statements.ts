// One logical line of module-level Python: block headers (whether their suite runs at import
// time), imports, assignments (with unpacking, chains, annotations, augmentation), del.
import { bind, bindNames, opOf, wordOf, type BlockState, type Reader } from "./bind";
import { evaluate } from "./eval";
import { parseExpression } from "./expr";
import { readImport } from "./import-statement";
import { exprRange, readTargets } from "./targets";
import type { Token } from "./tokens";
import { truthy } from "./value";

export type { BlockState, Reader } from "./bind";

const RUNS: BlockState = { state: "runs", reason: "" };
const SKIPPED: BlockState = { state: "skipped", reason: "" };
const FUNCTION: BlockState = { state: "function", reason: "" };
const COMPOUND = new Set(["if", "elif", "else", "try", "except", "finally", "with", "for", "while", "def", "class", "async", "match", "case"]);
const AUGMENTED = new Set(["+=", "-=", "*=", "/=", "//=", "%=", "@=", "&=", "|=", "^=", ">>=", "<<=", "**="]);

/** Reads one logical line in `block`; returns the state of the suite an ending `:` opens. */
export function readStatement(reader: Reader, tokens: Token[], block: BlockState, depth: number): BlockState {
  if (tokens.length === 0) return block;
  const first = wordOf(reader, tokens[0]);
  if (opOf(reader, tokens[0]) === "@") return block;
  if (!COMPOUND.has(first) || (first === "match" || first === "case") && isAssignmentLike(reader, tokens)) {
    reader.chains[depth] = null;
    readSimpleStatements(reader, tokens, 0, tokens.length, block);
    return block;
  }
  const colon = headerColon(reader, tokens);
  const keyword = first === "async" ? wordOf(reader, tokens[1]) : first;
  const suite = within(block, headerState(reader, tokens, keyword, colon, depth, block));
  if (colon >= 0 && colon < tokens.length - 1) readSimpleStatements(reader, tokens, colon + 1, tokens.length, suite);
  return suite;
}

/** A suite inside an unknown block is unknown; inside a skipped or function block, it stays so. */
function within(parent: BlockState, child: BlockState): BlockState {
  if (parent.state === "runs" || child.state === "skipped" || child.state === "function") return child;
  return child.state === "runs" ? parent : child;
}

function headerState(reader: Reader, tokens: Token[], keyword: string, colon: number, depth: number, block: BlockState): BlockState {
  const chain = reader.chains[depth] ?? null;
  const start = keyword === first(reader, tokens) ? 1 : 2;
  switch (keyword) {
    case "if":
    case "elif": {
      if (keyword === "elif" && chain?.kind === "if" && chain.taken !== false) return chain.taken ? SKIPPED : unknownBlock("after an `if` whose condition cannot be evaluated");
      const taken = condition(reader, tokens, start, colon);
      reader.chains[depth] = { kind: "if", taken };
      return taken === null ? unknownBlock(`inside \`${keyword} ${source(reader, tokens, start, colon)}:\`, whose condition cannot be evaluated statically`) : taken ? RUNS : SKIPPED;
    }
    case "else":
      if (chain?.kind === "if") return chain.taken === null ? unknownBlock("in the `else` of an `if` whose condition cannot be evaluated") : chain.taken ? SKIPPED : RUNS;
      return chain?.kind === "try" ? RUNS : unknownBlock("in the `else` of a loop");
    case "try":
      reader.chains[depth] = { kind: "try" };
      return RUNS;
    case "except":
      // Retort assumes the `try` body ran without an exception.
      return SKIPPED;
    case "finally":
      return RUNS;
    case "with":
      bindNames(reader, tokens, indexOfWord(reader, tokens, "as", start, colon), colon, block, "bound by a `with` statement");
      return RUNS;
    case "for":
    case "while":
      reader.chains[depth] = { kind: "loop" };
      if (keyword === "for") bindNames(reader, tokens, start - 1, indexOfWord(reader, tokens, "in", start, colon), block, "bound by a `for` loop");
      return unknownBlock(`inside a \`${keyword}\` loop`);
    case "def":
    case "class":
      if (tokens[start]?.kind === "name") {
        bind(reader, wordOf(reader, tokens[start]), block, { kind: "unknown", stmt: reader.stmt++, line: tokens[start].line, reason: `${keyword === "def" ? "defined as a function" : "defined as a class"} on line ${tokens[start].line}` });
      }
      return FUNCTION;
    default:
      return unknownBlock(`inside a \`${keyword}\` block`);
  }
}

function first(reader: Reader, tokens: Token[]): string {
  return wordOf(reader, tokens[0]);
}

function unknownBlock(reason: string): BlockState {
  return { state: "unknown", reason: `assigned ${reason}` };
}

/** `if` conditions are evaluated with the module's own constants (and typing.TYPE_CHECKING). */
function condition(reader: Reader, tokens: Token[], from: number, to: number): boolean | null {
  if (to <= from) return null;
  const expr = parseExpression(reader.text.slice(tokens[from].start, tokens[to - 1].end));
  const value = evaluate(expr, {
    lookup: (name) => reader.namespace.value(name, reader.stmt, reader.conditions()),
    attribute: (module, attr) => reader.conditions().attribute(module, attr) ?? { k: "unknown", reason: "imported" },
  });
  return truthy(value);
}

function readSimpleStatements(reader: Reader, tokens: Token[], from: number, to: number, block: BlockState): void {
  let start = from;
  let depth = 0;
  for (let i = from; i <= to; i++) {
    const op = i < to ? opOf(reader, tokens[i]) : ";";
    if (op === "(" || op === "[" || op === "{") depth++;
    else if (op === ")" || op === "]" || op === "}") depth--;
    else if (op === ";" && depth === 0) {
      if (i > start) readSimple(reader, tokens, start, i, block);
      start = i + 1;
    }
  }
}

function readSimple(reader: Reader, tokens: Token[], from: number, to: number, block: BlockState): void {
  const stmt = reader.stmt++;
  const keyword = wordOf(reader, tokens[from]);
  if (keyword === "import" || keyword === "from") return readImport(reader, tokens, from, to, block, stmt);
  if (keyword === "del") return bindNames(reader, tokens, from, to, block, "", stmt, "deleted");
  const equals: number[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const op = opOf(reader, tokens[i]);
    if (op === "(" || op === "[" || op === "{") depth++;
    else if (op === ")" || op === "]" || op === "}") depth--;
    else if (op === "=" && depth === 0) equals.push(i);
  }
  if (equals.length === 0) {
    const op = opOf(reader, tokens[from + 1]);
    if (tokens[from].kind === "name" && AUGMENTED.has(op) && from + 2 < to) {
      const range = exprRange(tokens, from + 2, to);
      bind(reader, wordOf(reader, tokens[from]), block, { kind: "expr", stmt, line: tokens[from].line, from: range.from, to: range.to, unpack: [], augment: op.slice(0, -1) });
    }
    return;
  }
  const value = exprRange(tokens, equals[equals.length - 1] + 1, to);
  let targetStart = from;
  for (const at of equals) {
    let end = at;
    // `name: annotation = value`: the annotation is never evaluated.
    if (equals.length === 1 && opOf(reader, tokens[targetStart + 1]) === ":") end = targetStart + 1;
    if (end - targetStart === 1 && tokens[targetStart].kind === "name") {
      // `name = value`, nearly every header line: what readTargets would return, without its arrays.
      bind(reader, wordOf(reader, tokens[targetStart]), block, { kind: "expr", stmt, line: tokens[targetStart].line, from: value.from, to: value.to, unpack: [], augment: null });
      targetStart = at + 1;
      continue;
    }
    for (const target of readTargets(reader, tokens, targetStart, end, [])) {
      bind(reader, target.name, block, { kind: "expr", stmt, line: target.line, from: value.from, to: value.to, unpack: target.unpack, augment: null }, target.unknown);
    }
    targetStart = at + 1;
  }
}

function headerColon(reader: Reader, tokens: Token[]): number {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const op = opOf(reader, tokens[i]);
    if (op === "(" || op === "[" || op === "{") depth++;
    else if (op === ")" || op === "]" || op === "}") depth--;
    else if (op === ":" && depth === 0) return i;
  }
  return -1;
}

function indexOfWord(reader: Reader, tokens: Token[], word: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (wordOf(reader, tokens[i]) === word) return i;
  return -1;
}

/** `match = 1` or `case(x)` are ordinary statements: match/case are soft keywords. */
function isAssignmentLike(reader: Reader, tokens: Token[]): boolean {
  const op = opOf(reader, tokens[1]);
  return op === "=" || op === "." || op === "(" || op === "[" || AUGMENTED.has(op) || tokens.length === 1;
}

function source(reader: Reader, tokens: Token[], from: number, to: number): string {
  const text = to > from ? reader.text.slice(tokens[from].start, tokens[to - 1].end) : "";
  return text.length > 40 ? text.slice(0, 37) + "..." : text;
}
