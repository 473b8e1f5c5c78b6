// Which names a module binds when Python imports it, statement by statement, without running it.
// One linear pass records each top-level binding's source range; values are computed later, only
// for the names something asks for (python-namespace.ts).
import { IndentTracker } from "../python/indent";
import { Evaluation, ModuleResolver, Namespace } from "../python/namespace";
import { decodeStringLiteral } from "../python/strings";
import { PythonScanner, type SyntaxIssue, type Token } from "../python/tokens";
import { readStatement, type BlockState, type Reader } from "../python/statements";

export interface ModuleScan {
  docstring: string | null;
  namespace: Namespace;
  syntax: SyntaxIssue | null;
}

const RUNS: BlockState = { state: "runs", reason: "" };

/** `name`: the module's dotted name when it is imported as part of a package (null for revision files). */
export function scanModule(text: string, name: string | null = null, isPackage = false): ModuleScan {
  const namespace = new Namespace(text, name, isPackage);
  const scan: ModuleScan = { docstring: null, namespace, syntax: null };
  const scanner = new PythonScanner(text);
  const indents = new IndentTracker();
  // Conditions (`if TYPE_CHECKING:`) are read with this module's own names only.
  let conditions: Evaluation | null = null;
  const reader: Reader = { text, namespace, stmt: 0, chains: [], conditions: () => (conditions ??= new Evaluation(new ModuleResolver(null, () => namespace))) };
  const blocks: BlockState[] = [];
  // The current line's tokens; token objects are reused from line to line (nothing keeps one).
  let tokens: Token[] = [];
  const pool: Token[] = [];
  let pending = RUNS;
  let collecting = true;
  let endsWithColon = false;
  let lines = 0;
  while (scanner.next() !== "eof") {
    if (scanner.atLineStart) {
      const before = indents.depth;
      scan.syntax = indents.enter(scanner.indent, scanner.line);
      if (scan.syntax) return scan;
      const depth = indents.depth;
      if (depth > before) blocks.push(pending);
      // Setting an array's length is a runtime call, even when it does not change: pop and push instead.
      while (blocks.length > depth) blocks.pop();
      while (reader.chains.length > depth + 1) reader.chains.pop();
      while (reader.chains.length < depth + 1) reader.chains.push(null);
      const block = innermost(blocks);
      collecting = block.state === "runs" || block.state === "unknown";
      if (tokens.length !== 0) tokens = [];
      // A body that never runs at import time (a function's) is only checked, not tokenised.
      if (!collecting) {
        if (scanner.skipLine() === "eof") break;
        endsWithColon = scanner.lineEndsWithColon;
      }
    }
    if (scanner.kind === "newline") {
      indents.leave(endsWithColon, scanner.line);
      const block = innermost(blocks);
      if (lines === 0 && tokens.length > 0 && tokens.every((token) => token.kind === "string")) scan.docstring = readDocstring(tokens, text);
      else if (collecting) pending = readStatement(reader, tokens, block, indents.depth);
      else pending = block;
      lines++;
      continue;
    }
    endsWithColon = scanner.isOp(":");
    if (collecting) {
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

/** The innermost open block; `blocks[-1]` on an empty array would be a slow property lookup of "-1". */
function innermost(blocks: BlockState[]): BlockState {
  return blocks.length > 0 ? blocks[blocks.length - 1] : RUNS;
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
