// Function bodies are skipped without being tokenised (PythonScanner.skipLine), yet a module
// CPython cannot compile must still be reported: each case is compiled by the python3 that runs
// Alembic, and Retort's verdict (and line) must match. Grammar errors inside a body (`x = = 1`)
// are out of scope: only what the tokenizer and indentation rules reject is checked statically.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scanModule } from "../../lib/core/read/scan-python-module";
import { alembicPython } from "./alembic-side";

const HEADER = `"""msg"""\nrevision = 'a1'\ndown_revision = None\n\n`;
const body = (lines: string) => `${HEADER}def upgrade():\n${lines}\n\ndef downgrade():\n    pass\n`;

const CASES: [string, string][] = [
  ["a plain body", body("    op.create_table('t', sa.Column('id', sa.Integer(), primary_key=True))")],
  ["a multi-line call", body("    op.add_column(\n        't',\n  sa.Column('x', sa.String(length=10)),\n)")],
  ["strings holding brackets and quotes", body("    op.execute(\"UPDATE t SET a = '(' WHERE b = ']'\")\n    x = 'it\\'s'  # a ( comment\n    y = r'\\'' + \"\"\"(\n]\"\"\"")],
  ["a nested def and class", body("    def helper(a: int = 1) -> None:\n        return {a: [a]}\n    class C:\n        x = lambda: (1,\n2)")],
  ["a walrus and slices", body("    if (n := len(x[1:])):\n        y = x[::2]\n    else: z = 1")],
  ["a backslash continuation", body("    x = 1 + \\\n        2")],
  ["a tab-indented body", `${HEADER}def upgrade():\n\tif x:\n\t\tpass\n`],
  ["an unclosed bracket", body("    op.create_table('t',\n        sa.Column('id')\n")],
  ["an unmatched closing bracket", body("    op.drop_table('t'))")],
  ["mismatched brackets", body("    op.bulk_insert(t, [{'a': 1)])")],
  ["mismatched brackets across lines", body("    x = [\n        1,\n    )")],
  ["an unterminated string", body("    op.execute('UPDATE t)")],
  ["an unterminated triple-quoted string", body("    op.execute(\"\"\"UPDATE t\n    SET x = 1\n")],
  ["a character after a backslash", body("    x = 1 \\ 2")],
  ["an unexpected indent", body("    x = 1\n        y = 2")],
  ["an unindent that matches nothing", body("    if x:\n        y = 1\n      z = 2")],
  ["a header without its block", body("    if x:\n    y = 1")],
  ["a body-less def at the end", `${HEADER}def upgrade():\n`],
  ["a one-line suite after a colon", body("    for a in b: print(a)\n    while False: pass")],
  ["a dict ending a line with a colon inside brackets", body("    x = {\n        'a':\n        1}")],
  ["a colon at the end of a continued line", body("    if a and \\\n       b:\n        pass")],
  ["a comment after a header colon", body("    if x:  # why\n        pass")],
];

/** Every .py file of the real-project corpus: all compile, so none may be reported. */
function corpusFiles(): string[] {
  const files: string[] = [];
  const stack = [path.join(import.meta.dirname, "..", "fixtures", "corpus")];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) stack.push(full);
      else if (entry.endsWith(".py")) files.push(full);
    }
  }
  return files;
}

const COMPILE = `
import json, sys
out = []
for text in json.load(sys.stdin):
    try:
        compile(text, "case.py", "exec")
        out.append(None)
    except SyntaxError as e:
        out.append({"line": e.lineno, "message": e.msg})
print(json.dumps(out))
`;

/** CPython names the statement ("after 'if' statement on line 6"); Retort says "after line 6". */
const normalise = (message: string) => message.replace(/^(expected an indented block after) .*$/, "$1 …");

function compileAll(texts: string[]): ({ line: number; message: string } | null)[] {
  const run = spawnSync(alembicPython(), ["-c", COMPILE], { input: JSON.stringify(texts), encoding: "utf8", maxBuffer: 64 << 20 });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe("a skipped function body is still checked as CPython compiles it", () => {
  const verdicts = compileAll(CASES.map(([, text]) => text));
  CASES.forEach(([name, text], i) => {
    it(name, () => {
      const python = verdicts[i];
      const ours = scanModule(text).syntax;
      expect(ours === null ? null : { line: ours.line, message: normalise(ours.message) }).toEqual(python && { ...python, message: normalise(python.message) });
    });
  });

  it("the cases include both verdicts", () => {
    expect(verdicts.filter((v) => v === null).length).toBeGreaterThan(5);
    expect(verdicts.filter((v) => v !== null).length).toBeGreaterThan(5);
  });

  it("no file of the real-project corpus is reported, and CPython compiles every one", () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(1000);
    const texts = files.map((file) => readFileSync(file, "utf8"));
    expect(compileAll(texts).every((v) => v === null)).toBe(true);
    expect(files.filter((_, i) => scanModule(texts[i]).syntax !== null)).toEqual([]);
  });
});
