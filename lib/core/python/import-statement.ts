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
    if (isFrom) bind(reader, name, block, { kind: "from", stmt, line, module, level, name: dotted });
    else bind(reader, name, block, { kind: "import", stmt, line, module: as >= 0 ? dotted : name });
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
