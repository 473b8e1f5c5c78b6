// A fast path for the revision files Alembic's templates write (and most hand-written ones): a
// module docstring, plain imports, the four variables as literals, then `def` blocks. Such a
// header is read with a few compiled regular expressions instead of the statement machinery of
// scan-python-module.ts, which a cold process runs interpreted (at 5,000 files: ~130 ms against
// ~15). The function bodies still go through the same tokenizer and indentation checks as the
// full reading. Anything else (a set, an escape, an import that binds one of the four names, a
// decorator, a problem of any kind) returns null and the full reading decides: this path only
// answers where it provably agrees with it (template-revision.test.ts compares the two).
import type { ParseResult } from "../types";
import { basename } from "../files/posix-path";
import { validateRevisionId } from "../files/revision-file";
import { IndentTracker } from "../python/indent";
import { PythonScanner } from "../python/tokens";
import { alembicSource, legacyRevisionId, VARIABLES } from "./alembic-source";

const KEYWORDS = "False|None|True|and|as|assert|async|await|break|class|continue|def|del|elif|else|except|finally|for|from|global|if|" +
  "import|in|is|lambda|nonlocal|not|or|pass|raise|return|try|while|with|yield";
/** An identifier that is not a keyword (`None` is allowed only where a value may stand). */
const NAME = `(?!(?:${KEYWORDS})(?![A-Za-z0-9_]))[A-Za-z_][A-Za-z0-9_]*`;
const VALUE_NAME = `(?:None(?![A-Za-z0-9_])|${NAME})`;
const DOTTED = `${NAME}(?:\\.${NAME})*`;
/** A single-line string without prefix or escapes: its value is its text. */
const STRING = String.raw`'[^'\\\n\r]*'|"[^"\\\n\r]*"`;
/** Line end: spaces, an optional comment, the newline (or the end of the file). */
const END = String.raw`[ ]*(?:#[^\n\r]*)?(?:\n|$)`;
/** Strings separated by commas, optionally one per line (brackets join lines). */
const ITEMS = `[ \\n]*(?:(?:${STRING})[ \\n]*,[ \\n]*)*(?:(?:${STRING})[ \\n]*)?`;
const VALUE = `None|${STRING}|\\(${ITEMS}\\)|\\[${ITEMS}\\]`;
/** `str`, `Union[str, Sequence[str], None]`, `str | None`: annotations are never evaluated, only tokenized. */
const TYPE0 = `${VALUE_NAME}(?:\\.${NAME})*`;
const TYPE1 = `${TYPE0}(?:\\[ *${TYPE0}(?: *, *${TYPE0})* *\\])?`;
const TYPE2 = `${TYPE0}(?:\\[ *${TYPE1}(?: *, *${TYPE1})* *\\])?`;
const ANNOTATION = `${TYPE2}(?: *\\| *${TYPE2})*`;
const ALIASED = (name: string) => `${name}(?:[ ]+as[ ]+${NAME})?`;

const BLANK = new RegExp(`[ ]*(?:#[^\\n\\r]*)?\\n`, "y");
const DOCSTRING = new RegExp(`(?:"""((?:[^"\\\\]|"(?!""))*)"""|'\'\'((?:[^'\\\\]|'(?!''))*)'\'\')${END}`, "y");
const IMPORT = new RegExp(`import[ ]+(${ALIASED(DOTTED)}(?:[ ]*,[ ]*${ALIASED(DOTTED)})*)${END}`, "y");
const FROM = new RegExp(`from[ ]+(${DOTTED})[ ]+import[ ]+(${ALIASED(NAME)}(?:[ ]*,[ ]*${ALIASED(NAME)})*)${END}`, "y");
const ASSIGN = new RegExp(`(${VARIABLES.join("|")})[ ]*(?::[ ]*${ANNOTATION}[ ]*)?=[ ]*(${VALUE})${END}`, "y");
const DEF = new RegExp(`def[ ]+(${NAME})[ ]*\\([ ]*\\)[ ]*(?:->[ ]*None[ ]*)?:${END}`, "y");
const STRINGS = new RegExp(STRING, "g");
/** An import list that binds one of the four variables (or names one in any position: left to the full reading). */
const BINDS_VARIABLE = new RegExp(`(?<![A-Za-z0-9_.])(?:${VARIABLES.join("|")})(?![A-Za-z0-9_])`);
const IS_VARIABLE = new Set<string>(VARIABLES);

/** What each variable was set to; `string`: written as one string (which `revision` must be). */
type Values = Map<string, { items: string[]; string: boolean }>;

/** The revision when `text` is of the template's shape and has no problem; null: read it in full. */
export function readTemplateRevision(path: string, text: string): ParseResult | null {
  // Python drops a BOM and turns \r\n into \n before parsing; U+FFFD means bytes that were not UTF-8.
  if (text.charCodeAt(0) === 0xfeff || text.includes("\r") || text.includes("\ufffd")) return null;
  const values: Values = new Map();
  let docstring: string | null = null;
  let statements = 0;
  let pos = 0;
  while (pos < text.length) {
    if (match(BLANK, text, pos)) {
      pos = BLANK.lastIndex;
      continue;
    }
    const doc = statements === 0 ? match(DOCSTRING, text, pos) : null;
    if (doc) docstring = doc[1] ?? doc[2];
    const end = doc ? DOCSTRING.lastIndex : readStatement(text, pos, values);
    if (end < 0) break;
    pos = end;
    statements++;
  }
  const revision = revisionId(path, values.get("revision"));
  const down = values.get("down_revision");
  if (revision === null || down === undefined || (pos < text.length && !bodiesAreSound(text, pos))) return null;
  const source = alembicSource(path, revision, down.items, values.get("depends_on")?.items ?? [], values.get("branch_labels")?.items ?? [],
    docstring);
  return { revision: source, problems: [] };
}

/** A valid id written as one string, or (Alembic's legacy rule) a hex file name when there is no `revision`. */
function revisionId(path: string, value: { items: string[]; string: boolean } | undefined): string | null {
  if (value === undefined) return legacyRevisionId(basename(path));
  return value.string && validateRevisionId(value.items[0]) === null ? value.items[0] : null;
}

/**
 * One import or assignment at `pos` (values go to `values`): where it ends, or -1 when the line is
 * anything else, binds a name it should not, or sets a variable a second time.
 */
function readStatement(text: string, pos: number, values: Values): number {
  const c = text.charCodeAt(pos);
  if (c === 105 /* i */ || c === 102 /* f */) {
    const pattern = c === 105 ? IMPORT : FROM;
    const m = match(pattern, text, pos);
    if (m) return BINDS_VARIABLE.test(m[c === 105 ? 1 : 2]) || m[1] === "__future__" ? -1 : pattern.lastIndex;
  }
  const m = match(ASSIGN, text, pos);
  if (!m || values.has(m[1])) return -1;
  const literal = m[2];
  const items = literal === "None" ? [] : (literal.match(STRINGS) ?? []).map((s) => s.slice(1, -1));
  // An empty string is a problem for every one of the four (an empty id, a base written as '').
  if (items.includes("")) return -1;
  values.set(m[1], { items, string: literal.charCodeAt(0) === 39 || literal.charCodeAt(0) === 34 });
  return ASSIGN.lastIndex;
}

function match(pattern: RegExp, text: string, pos: number): RegExpExecArray | null {
  pattern.lastIndex = pos;
  return pattern.exec(text);
}

/**
 * From `from` on, the module is only `def name():` blocks whose bodies CPython's tokenizer and
 * indentation rules accept (the checks scanModule makes of a body it skips). A def named like one
 * of the four variables would rebind it; anything else at the top level is left to the full reading.
 */
function bodiesAreSound(text: string, from: number): boolean {
  const scanner = new PythonScanner(text, from);
  const indents = new IndentTracker();
  while (scanner.next() !== "eof") {
    if (indents.enter(scanner.indent, scanner.line) !== null) return false;
    if (indents.depth === 0) {
      const def = match(DEF, text, scanner.start);
      if (!def || IS_VARIABLE.has(def[1])) return false;
    }
    if (scanner.skipLine() === "eof") break;
    indents.leave(scanner.lineEndsWithColon, scanner.line);
  }
  return scanner.issue === null && indents.finish() === null;
}
