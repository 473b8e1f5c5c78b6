// `import` and `from … import` statements: each binds a name to a module or to a module's attribute,
// resolved later and only when something asks for the name's value.
import { bind, opOf, wordOf, type BlockState, type Reader } from "./bind";
import type { Token } from "./tokens";

/** import a.b [as x], c · from [.]a.b import x [as y], (z) · from a import * */
export function readImport(reader: Reader, tokens: Token[], from: number, to: number, block: BlockState, stmt: number): void {
  let i = from + 1;
  let module = "";
  let level = 0;
  const isFrom = wordOf(reader, tokens[from]) === "from";
  if (isFrom) {
    while (i < to && opOf(reader, tokens[i]) === ".") (level++, i++);
    while (i < to && wordOf(reader, tokens[i]) !== "import") module += reader.text.slice(tokens[i].start, tokens[i++].end);
    i++;
  }
  // Only names and `,` `.` `*` matter: parentheses (`from a import (b, c)`) are skipped.
  if (isFrom && isStarOnly(reader, tokens, i, to)) {
    if (block.state === "runs") reader.namespace.bindStar(stmt, module, level);
    return;
  }
  // Clause by clause (k === to ends the last): `a.b` binds `a`; `a.b as c` and `from m import b as c` bind `c`.
  let dotted = "";
  let first: Token | null = null;
  let afterAs = false;
  let alias: Token | null = null;
  for (let k = i; k <= to; k++) {
    const token = k < to ? tokens[k] : null;
    if (token && !isKept(reader, token)) continue;
    if (token && opOf(reader, token) !== ",") {
      first ??= token;
      if (afterAs) alias ??= token;
      else if (wordOf(reader, token) === "as") afterAs = true;
      else dotted += reader.text.slice(token.start, token.end);
      continue;
    }
    const named = afterAs ? alias : first;
    if (named && dotted !== "") {
      const dot = dotted.indexOf(".");
      const name = afterAs ? wordOf(reader, named) : dot < 0 ? dotted : dotted.slice(0, dot);
      const line = named.line;
      if (isFrom) bind(reader, name, block, { kind: "from", stmt, line, module, level, name: dotted });
      else bind(reader, name, block, { kind: "import", stmt, line, module: afterAs ? dotted : name });
    }
    dotted = "";
    first = alias = null;
    afterAs = false;
  }
}

function isKept(reader: Reader, token: Token): boolean {
  if (token.kind === "name") return true;
  const op = opOf(reader, token);
  return op === "," || op === "." || op === "*";
}

/** `from m import *`: the one kept token is `*`. */
function isStarOnly(reader: Reader, tokens: Token[], from: number, to: number): boolean {
  let star = false;
  for (let k = from; k < to; k++) {
    if (!isKept(reader, tokens[k])) continue;
    if (star || opOf(reader, tokens[k]) !== "*") return false;
    star = true;
  }
  return star;
}
