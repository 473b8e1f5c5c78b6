import { describe, expect, it } from "vitest";
import { parsePythonRevision } from "./parse-python";

const MODERN = `"""add invoices

Revision ID: f323b6922761
Revises: 4e57d8e75771
Create Date: 2026-08-01 09:01:00.893270

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'f323b6922761'
down_revision: Union[str, Sequence[str], None] = '4e57d8e75771'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.rename_table('platform_admins', 'super_admins')


def downgrade() -> None:
    """Downgrade schema."""
    pass
`;

const LEGACY = `"""empty message

Revision ID: 1a2b3c4d5e6f
Revises: 
Create Date: 2024-01-02 03:04:05.000006

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1a2b3c4d5e6f'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
`;

/** A minimal file with the given module-level lines after a docstring. */
function file(lines: string): string {
  return `"""msg"""\n${lines}\n`;
}

describe("parsePythonRevision reads Alembic's templates", () => {
  it("reads the annotated 1.19 template", () => {
    const { revision, problems } = parsePythonRevision("versions/f323b6922761_add.py", MODERN);
    expect(problems).toEqual([]);
    expect(revision).toEqual({
      revision: "f323b6922761",
      downRevisions: ["4e57d8e75771"],
      dependsOn: [],
      branchLabels: [],
      message: "add invoices",
      longDoc: "add invoices\n\nRevision ID: f323b6922761\nRevises: 4e57d8e75771\nCreate Date: 2026-08-01 09:01:00.893270",
      createDate: "2026-08-01 09:01:00.893270",
      path: "versions/f323b6922761_add.py",
      format: "alembic",
    });
  });

  it("reads the unannotated 1.8.1 template as a base revision", () => {
    const { revision, problems } = parsePythonRevision("v/1a2b3c4d5e6f_.py", LEGACY);
    expect(problems).toEqual([]);
    expect(revision).toMatchObject({ revision: "1a2b3c4d5e6f", downRevisions: [], message: "empty message" });
  });

  it("reads files with CRLF line endings, tabs and a byte-order mark", () => {
    const text = "\ufeff" + MODERN.replace(/\n/g, "\r\n").replace("    pass", "\tpass");
    expect(parsePythonRevision("a.py", text).revision).toMatchObject({ revision: "f323b6922761", message: "add invoices" });
  });
});

describe("parsePythonRevision normalises values as Alembic does (§1.3)", () => {
  it.each([
    ["None", []],
    ["()", []],
    ["[]", []],
    ["'p1'", ["p1"]],
    ['"p1"', ["p1"]],
    ["r'p1'", ["p1"]],
    ["u'p1'", ["p1"]],
    ["'''p1'''", ["p1"]],
    ['"""p1"""', ["p1"]],
    ["('p1',)", ["p1"]],
    ["(('p1'))", ["p1"]],
    ["['p1']", ["p1"]],
    ["('p2', 'p1')", ["p2", "p1"]],
    ["['p2', \"p1\"]", ["p2", "p1"]],
    ["'p' '1'", ["p1"]],
    ["(\n    'p2',  # first parent\n    # a comment line\n    'p1',\n)", ["p2", "p1"]],
    ["'p' \\\n  '1'", ["p1"]],
  ])("down_revision = %s", (source, expected) => {
    const { revision, problems } = parsePythonRevision("x.py", file(`revision = 'r1'\ndown_revision = ${source}`));
    expect(problems).toEqual([]);
    expect(revision?.downRevisions).toEqual(expected);
  });

  it.each([
    ["'billing'", ["billing"]],
    ["('billing',)", ["billing"]],
    ["{'billing'}", ["billing"]],
    ["('a', 'b', 'a')", ["a", "b"]],
    ["None", []],
  ])("branch_labels = %s", (source, expected) => {
    const { revision } = parsePythonRevision("x.py", file(`revision = 'r1'\ndown_revision = None\nbranch_labels = ${source}`));
    expect(revision?.branchLabels).toEqual(expected);
  });

  it.each([
    ["'p1'", ["p1"]],
    ["['p1', 'lib']", ["p1", "lib"]],
    ["()", []],
  ])("depends_on = %s", (source, expected) => {
    const { revision } = parsePythonRevision("x.py", file(`revision = 'r1'\ndown_revision = None\ndepends_on = ${source}`));
    expect(revision?.dependsOn).toEqual(expected);
  });

  it("ignores assignments inside def and class bodies", () => {
    const text = file(
      "revision = 'r1'\ndown_revision = 'p1'\n\ndef upgrade():\n    revision = 'no'\n    if x:\n        down_revision = 'no'\n\nclass K:\n    depends_on = 'no'\n",
    );
    expect(parsePythonRevision("x.py", text)).toMatchObject({
      revision: { revision: "r1", downRevisions: ["p1"], dependsOn: [] },
      problems: [],
    });
  });

  it("keeps the last of two assignments, as Python does, and reports the first", () => {
    const { revision, problems } = parsePythonRevision("x.py", file("revision = 'r1'\ndown_revision = 'old'\ndown_revision = 'new'"));
    expect(revision?.downRevisions).toEqual(["new"]);
    expect(problems).toMatchObject([{ kind: "syntax", severity: "warning", line: 4, message: expect.stringContaining("line 3 and again on line 4") }]);
  });

  it("does not mistake strings that look like assignments for code", () => {
    const text = file("revision = 'r1'\ndown_revision = None\nNOTE = '''\nrevision = 'fake'\n'''\nx = \"down_revision = 'x'\"");
    expect(parsePythonRevision("x.py", text)).toMatchObject({ revision: { revision: "r1", downRevisions: [] }, problems: [] });
  });
});

describe("parsePythonRevision reads the docstring as Alembic's doc and longdoc (§1.4)", () => {
  it.each([
    ['"""\n  first line\nsecond\n\nRevision ID: x\n"""', "first line\nsecond", "first line\nsecond\n\nRevision ID: x"],
    ["# coding: utf-8\n\n'single line'", "single line", "single line"],
    ['r"""C:\\path\\n"""', "C:\\path\\n", "C:\\path\\n"],
    ['"""tab\\there \\u00e9"""', "tab\there é", "tab\there é"],
    ['"a" "b"', "ab", "ab"],
    ["import os\n'not a docstring'", "", ""],
    ['b"""bytes are not docstrings"""', "", ""],
  ])("%j", (docstring, message, longDoc) => {
    const { revision } = parsePythonRevision("x.py", `${docstring}\nrevision = 'r1'\ndown_revision = None\n`);
    expect(revision).toMatchObject({ message, longDoc });
  });

  it("reads Create Date and leaves it null when absent", () => {
    expect(parsePythonRevision("x.py", file("revision = 'r'\ndown_revision = None")).revision?.createDate).toBeNull();
  });
});

describe("parsePythonRevision applies the legacy filename rule", () => {
  it("takes the id from a lowercase-hex filename when `revision` is missing", () => {
    expect(parsePythonRevision("versions/c0ffee01.py", file("down_revision = None")).revision?.revision).toBe("c0ffee01");
  });

  it.each(["versions/foobar_c0ffee01.py", "versions/C0FFEE01.py"])("refuses %s with Alembic's message", (path) => {
    const filename = path.slice("versions/".length);
    expect(parsePythonRevision(path, file("down_revision = None"))).toEqual({
      revision: null,
      problems: [
        expect.objectContaining({
          kind: "missing-revision-id",
          message: `Could not determine revision id from filename ${filename}. Be sure the 'revision' variable is declared inside the script (please see 'Upgrading from Alembic 0.1 to 0.2' in the documentation).`,
        }),
      ],
    });
  });
});

describe("parsePythonRevision reports files Alembic could not load", () => {
  it.each([
    ["missing down_revision", "x_y.py", "revision = 'r1'", "missing-down-revision", 1, "module 'x_y_py' has no attribute 'down_revision'"],
    ["annotation without a value", "x.py", "revision = 'r1'\ndown_revision: str", "missing-down-revision", 1, "has no attribute 'down_revision'"],
    ["empty down_revision", "x.py", "revision = 'r1'\ndown_revision = ''", "empty-down-revision", 3, "KeyError: ''"],
    ["empty parent in a tuple", "x.py", "revision = 'r1'\ndown_revision = ('a', '')", "empty-down-revision", 3, "empty string"],
    ["dash in the id", "x.py", "revision = 'no@atsigns-ordashes'\ndown_revision = None", "bad-revision-id", 2,
      "Character(s) '-, @' not allowed in revision identifier 'no@atsigns-ordashes'"],
    ["id longer than the version column", "x.py", `revision = '${"a".repeat(33)}'\ndown_revision = None`, "bad-revision-id", 2, "at most 32"],
    ["numeric id", "x.py", "revision = 1234\ndown_revision = None", "bad-revision-id", 2, "`revision = 1234` is not a string"],
    ["undefined name", "x.py", "revision = 'r1'\ndown_revision = PREV", "unreadable-value", 3, "down_revision of r1 could not be read statically (x.py:3): name 'PREV' is not assigned"],
    ["call", "x.py", "revision = make_id()\ndown_revision = None", "unreadable-value", 2, "revision of x.py could not be read statically (x.py:2): a function call"],
    ["f-string of an undefined name", "x.py", "revision = 'r1'\ndown_revision = f'{P}'", "unreadable-value", 3, "name 'P' is not assigned"],
    ["non-string entry", "x.py", "revision = 'r1'\ndown_revision = ('a', None)", "syntax", 3, "contains None"],
    ["condition that cannot be evaluated", "x.py", "revision = 'r1'\nif X:\n    down_revision = 'a'\nelse:\n    down_revision = None", "unreadable-value", 6, "in the `else` of an `if` whose condition cannot be evaluated"],
    ["import from a module that is not found", "x.py", "revision = 'r1'\nfrom prev import down_revision", "unreadable-value", 3, "module 'prev' is not read"],
    ["unterminated string", "x.py", "revision = 'r1\ndown_revision = None", "syntax", 2, "unterminated string literal (detected at line 2)"],
    ["unterminated triple-quoted string", "x.py", "revision = 'r1'\ndown_revision = None\nx = '''abc", "syntax", 4,
      "unterminated triple-quoted string literal (detected at line 4)"],
    ["unclosed bracket", "x.py", "revision = 'r1'\ndown_revision = ('a',\n", "syntax", 3, "'(' was never closed"],
    ["mismatched bracket", "x.py", "revision = 'r1'\ndown_revision = ('a']", "syntax", 3, "closing parenthesis ']' does not match opening parenthesis '('"],
    ["stray indentation", "x.py", "revision = 'r1'\n  down_revision = None", "syntax", 3, "unexpected indent"],
    ["bad dedent", "x.py", "revision = 'r1'\ndown_revision = None\ndef f():\n        a = 1\n    b = 2", "syntax", 6, "unindent does not match"],
    ["empty block", "x.py", "revision = 'r1'\ndown_revision = None\ndef f():\n\nx = 1", "syntax", 5, "expected an indented block"],
  ])("%s", (_name, path, lines, kind, line, message) => {
    const { problems } = parsePythonRevision(path, file(lines));
    expect(problems).toContainEqual(expect.objectContaining({ kind, line, message: expect.stringContaining(message), path }));
    for (const problem of problems) expect(problem.fix).toBeTruthy();
  });

  it("keeps the revision when only upgrade() is broken, so the graph can still show it", () => {
    const { revision, problems } = parsePythonRevision("x.py", MODERN.replace("pass\n", "pass(\n"));
    expect(revision?.revision).toBe("f323b6922761");
    expect(problems).toMatchObject([{ kind: "syntax", message: expect.stringContaining("'(' was never closed") }]);
  });

  it("reports only the syntax error when it hides the variables", () => {
    expect(parsePythonRevision("foo.py", file("x = (\nrevision = 'r1'\ndown_revision = None"))).toMatchObject({
      revision: null,
      problems: [{ kind: "syntax", message: expect.stringContaining("'(' was never closed") }],
    });
  });

  it("keeps a revision whose down_revision cannot be read, marked as such", () => {
    expect(parsePythonRevision("x.py", file("revision = 'r1'\ndown_revision = PREV")).revision).toMatchObject({
      revision: "r1", downRevisions: [], unreadable: ["down_revision"],
    });
  });
});
