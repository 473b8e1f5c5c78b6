// One logical line of module-level Python: block headers (whether their suite runs at import
// time), imports, assignments (with unpacking, chains, annotations, augmentation), del.
import { evaluate } from "./python-eval";
import { parseExpression } from "./python-expr";
import type { Evaluation, Namespace } from "./python-namespace";
import type { Token } from "./python-tokens";
import { truthy } from "./python-value";

/** Whether a block's statements run when the module is imported. */
export interface BlockState {
  state: "runs" | "skipped" | "unknown" | "function";
  /** Why an "unknown" block's bindings cannot be trusted. */
  reason: string;
}

/** The chain a following elif/else/except/finally continues, per indentation depth. */
type Chain = { kind: "if"; taken: boolean | null } | { kind: "try" } | { kind: "loop" };

export interface Reader {
  text: string;
  namespace: Namespace;
  /** Index of the next simple statement: bindings are ordered by it. */
  stmt: number;
  chains: (Chain | null)[];
  conditions: Evaluation;
}

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
        bind(reader, wordOf(reader, tokens[start]), block, { stmt: reader.stmt++, line: tokens[start].line, reason: `${keyword === "def" ? "defined as a function" : "defined as a class"} on line ${tokens[start].line}` }, undefined, "unknown");
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
    lookup: (name) => reader.namespace.value(name, reader.stmt, reader.conditions),
    attribute: (module, attr) => reader.conditions.attribute(module, attr) ?? { k: "unknown", reason: "imported" },
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
      bind(reader, wordOf(reader, tokens[from]), block, { stmt, line: tokens[from].line, ...exprRange(tokens, from + 2, to), unpack: [], augment: op.slice(0, -1) });
    }
    return;
  }
  const value = exprRange(tokens, equals[equals.length - 1] + 1, to);
  let targetStart = from;
  for (const at of equals) {
    let end = at;
    // `name: annotation = value`: the annotation is never evaluated.
    if (equals.length === 1 && opOf(reader, tokens[targetStart + 1]) === ":") end = targetStart + 1;
    for (const target of readTargets(reader, tokens, targetStart, end, [])) {
      bind(reader, target.name, block, { stmt, line: target.line, ...value, unpack: target.unpack, augment: null }, target.unknown);
    }
    targetStart = at + 1;
  }
}

function exprRange(tokens: Token[], from: number, to: number): { from: number; to: number } {
  return to > from ? { from: tokens[from].start, to: tokens[to - 1].end } : { from: 0, to: 0 };
}

type Target = { name: string; line: number; unpack: { index: number; count: number }[]; unknown?: string };

/** Assignment targets: names, possibly in nested (…)/[…] unpacking; attributes and subscripts bind nothing here. */
function readTargets(reader: Reader, tokens: Token[], from: number, to: number, path: Target["unpack"]): Target[] {
  const parts = splitCommas(reader, tokens, from, to);
  if (parts.length === 1 && !parts.trailingComma) {
    const [a, b] = parts[0];
    if (b - a === 1 && tokens[a].kind === "name") return [{ name: wordOf(reader, tokens[a]), line: tokens[a].line, unpack: path }];
    const open = opOf(reader, tokens[a]);
    if ((open === "(" || open === "[") && b - a >= 2) {
      const inner = readTargets(reader, tokens, a + 1, b - 1, path);
      return open === "[" && splitCommas(reader, tokens, a + 1, b - 1).length === 1 && !inner.some((t) => t.unpack.length > path.length)
        ? inner.map((t) => ({ ...t, unpack: [...path, { index: 0, count: 1 }] }))
        : inner;
    }
    if (opOf(reader, tokens[a]) === "*") return readTargets(reader, tokens, a + 1, b, path).map((t) => ({ ...t, unknown: "bound by starred unpacking" }));
    return [];
  }
  const starred = parts.some(([a]) => opOf(reader, tokens[a]) === "*");
  return parts.flatMap(([a, b], index) =>
    readTargets(reader, tokens, a, b, [...path, { index, count: parts.length }]).map((t) => (starred ? { ...t, unknown: "bound by starred unpacking" } : t)),
  );
}

function splitCommas(reader: Reader, tokens: Token[], from: number, to: number): [number, number][] & { trailingComma?: boolean } {
  const parts: [number, number][] & { trailingComma?: boolean } = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const op = opOf(reader, tokens[i]);
    if (op === "(" || op === "[" || op === "{") depth++;
    else if (op === ")" || op === "]" || op === "}") depth--;
    else if (op === "," && depth === 0) {
      parts.push([start, i]);
      start = i + 1;
    }
  }
  if (start < to) parts.push([start, to]);
  else if (parts.length > 0) parts.trailingComma = true;
  return parts;
}

/** import a.b [as x], c · from [.]a.b import x [as y], (z) · from a import * */
function readImport(reader: Reader, tokens: Token[], from: number, to: number, block: BlockState, stmt: number): void {
  let i = from + 1;
  let module = "";
  let level = 0;
  const isFrom = wordOf(reader, tokens[from]) === "from";
  if (isFrom) {
    while (i < to && opOf(reader, tokens[i]) === ".") (level++, i++);
    while (i < to && wordOf(reader, tokens[i]) !== "import") module += reader.text.slice(tokens[i].start, tokens[i++].end);
    i++;
  }
  const names = tokens.slice(i, to).filter((t) => t.kind === "name" || opOf(reader, t) === "," || opOf(reader, t) === "." || opOf(reader, t) === "*");
  if (isFrom && names.length === 1 && opOf(reader, names[0]) === "*") {
    if (block.state === "runs") reader.namespace.bindStar(stmt, module, level);
    return;
  }
  for (const clause of splitOnCommas(reader, names)) {
    const as = clause.findIndex((t) => wordOf(reader, t) === "as");
    const dotted = (as >= 0 ? clause.slice(0, as) : clause).map((t) => reader.text.slice(t.start, t.end)).join("");
    const alias = as >= 0 ? clause[as + 1] : clause[0];
    if (!alias || dotted === "") continue;
    const name = as >= 0 ? wordOf(reader, alias) : dotted.split(".")[0];
    const line = alias.line;
    if (isFrom) bind(reader, name, block, { stmt, line, module, level, name: dotted }, undefined, "from");
    else bind(reader, name, block, { stmt, line, module: as >= 0 ? dotted : name }, undefined, "import");
  }
}

function splitOnCommas(reader: Reader, tokens: Token[]): Token[][] {
  const clauses: Token[][] = [[]];
  for (const token of tokens) {
    if (opOf(reader, token) === ",") clauses.push([]);
    else clauses[clauses.length - 1].push(token);
  }
  return clauses.filter((clause) => clause.length > 0);
}

/** Binds every whole name in tokens[from, to) (def/class names, for/with targets, del). */
function bindNames(reader: Reader, tokens: Token[], from: number, to: number, block: BlockState, reason: string, stmt = reader.stmt++, kind: "unknown" | "deleted" = "unknown"): void {
  if (from < 0 || to < 0) return;
  for (let i = from + 1; i < to; i++) {
    const token = tokens[i];
    if (token.kind !== "name" || opOf(reader, tokens[i - 1]) === "." || opOf(reader, tokens[i + 1]) === "." || opOf(reader, tokens[i + 1]) === "(") continue;
    const name = wordOf(reader, token);
    if (name === "as" || name === "in") continue;
    if (kind === "deleted" && block.state === "runs") reader.namespace.bind(name, { kind: "deleted", stmt, line: token.line });
    else bind(reader, name, block, { stmt, line: token.line, reason: reason || "deleted" }, undefined, "unknown");
  }
}

type BindingInput = Record<string, unknown> & { stmt: number; line: number };

function bind(reader: Reader, name: string, block: BlockState, input: BindingInput, unknownReason?: string, kind: "expr" | "import" | "from" | "unknown" = "expr"): void {
  if (block.state !== "runs" || unknownReason) {
    reader.namespace.bind(name, { kind: "unknown", stmt: input.stmt, line: input.line, reason: unknownReason ?? block.reason });
    return;
  }
  reader.namespace.bind(name, { ...input, kind } as never);
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

function wordOf(reader: Reader, token: Token | undefined): string {
  return token && token.kind === "name" ? reader.text.slice(token.start, token.end) : "";
}

function opOf(reader: Reader, token: Token | undefined): string {
  return token && token.kind === "op" ? reader.text.slice(token.start, token.end) : "";
}
