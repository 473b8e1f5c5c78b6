import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateAlembicProject } from "../../../test/compat/generate-project";
import { createRng } from "../../../test/compat/prng";
import { parseInFull } from "./parse-python";
import { readTemplateRevision } from "./template-revision";

// The fast path may only answer where it agrees with the full reading; these tests hold it to that
// on every real project's revision files we keep, on generated ones, and on thousands of damaged copies.

const FIXTURES = path.resolve(__dirname, "../../../test/fixtures");

function pythonFiles(dir: string): string[] {
  const found: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name.endsWith(".py")) found.push(full);
    }
  }
  return found.sort();
}

interface RevisionFile {
  /** As loadMigrationDirectory names it: the file name decides a legacy file's id. */
  path: string;
  text: string;
}

const read = (file: string, root: string): RevisionFile => ({ path: path.relative(root, file), text: readFileSync(file, "utf8") });

/** How many files the fast path answered for; every answer equals the full reading's. */
function expectAgreement(files: RevisionFile[]): number {
  let answered = 0;
  for (const file of files) {
    const fast = readTemplateRevision(file.path, file.text);
    if (fast === null) continue;
    answered++;
    expect(fast, file.text).toEqual(parseInFull(file.path, file.text));
  }
  return answered;
}

const work = mkdtempSync(path.join(os.tmpdir(), "retort-template-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const generated = [3, 11, 29].flatMap((seed) => {
  const project = generateAlembicProject({ seed, size: 150, dir: path.join(work, `p${seed}`), options: { labelRate: 0.2, dependsOnRate: 0.1 } });
  return readdirSync(project.versionsDir).map((name) => read(path.join(project.versionsDir, name), project.dir));
});

describe("the template fast path agrees with the full reading", () => {
  it("on the revision files of the real projects in test/fixtures (answering for most of them)", () => {
    const files = pythonFiles(FIXTURES).map((file) => read(file, FIXTURES));
    expect(files.length).toBeGreaterThan(1000);
    const answered = expectAgreement(files);
    expect(answered).toBeGreaterThan(files.length * 0.6);
    expect(answered).toBeLessThan(files.length);
  });

  it("on generated projects in every file style (legacy files named by their id too), answering for all of them", () => {
    expect(expectAgreement(generated)).toBe(generated.length);
  });

  it("on damaged copies: answering for some, deferring on the rest, never disagreeing", () => {
    const rng = createRng(2026);
    const pieces = ["'", '"', "(", ")", "[", "]", "{", "}", ":", "\\", "#", "\n", " ", "    ", "=", ",", "\t", "'''", '"""', "None", "x", "revision = 'ab'\n",
      "import revision\n", "from a import *\n", "@d\n", "if x:\n", "\r\n", "\u00e9", "\ufeff", "''", "def f():\n"];
    const mutate = (text: string): string => {
      const at = rng.int(0, text.length);
      switch (rng.int(0, 3)) {
        case 0: return text.slice(0, at) + rng.pick(pieces) + text.slice(at);
        case 1: return text.slice(0, at) + text.slice(at + rng.int(1, 4));
        case 2: {
          const lines = text.split("\n");
          const i = rng.int(0, lines.length - 1);
          lines.splice(i, 0, lines[i]!);
          return lines.join("\n");
        }
        default: {
          const lines = text.split("\n");
          const i = rng.int(0, lines.length - 1);
          lines[i] = " ".repeat(rng.int(1, 4)) + lines[i];
          return lines.join("\n");
        }
      }
    };
    // Generated files and every tenth real one (bodies as projects write them).
    const originals = [...generated, ...pythonFiles(FIXTURES).filter((_, i) => i % 10 === 0).map((file) => read(file, FIXTURES))];
    const damaged: RevisionFile[] = [];
    for (let i = 0; i < 6000; i++) {
      const original = originals[i % originals.length]!;
      let text = original.text;
      for (let edits = rng.int(1, 2); edits > 0; edits--) text = mutate(text);
      damaged.push({ path: original.path, text });
    }
    const answered = expectAgreement(damaged);
    expect(answered).toBeGreaterThan(500);
    expect(answered).toBeLessThan(damaged.length - 500);
  });
});

const TEMPLATE = `"""add users

Revision ID: ab12cd34ef56
Revises: 0123456789ab
Create Date: 2024-01-02 03:04:05.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = 'ab12cd34ef56'
down_revision: Union[str, None] = '0123456789ab'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
    )
    op.execute("""
UPDATE users SET id = 1
""")


def downgrade() -> None:
    op.drop_table("users")
`;

describe("the template fast path", () => {
  it("reads Alembic's own template, function bodies and all", () => {
    expect(readTemplateRevision("versions/ab12_add_users.py", TEMPLATE)).toEqual({
      revision: {
        revision: "ab12cd34ef56", downRevisions: ["0123456789ab"], dependsOn: [], branchLabels: [],
        message: "add users", longDoc: "add users\n\nRevision ID: ab12cd34ef56\nRevises: 0123456789ab\nCreate Date: 2024-01-02 03:04:05.000000",
        createDate: "2024-01-02 03:04:05.000000", path: "versions/ab12_add_users.py", format: "alembic",
      },
      problems: [],
    });
  });

  const replace = (from: string, to: string) => {
    expect(TEMPLATE).toContain(from);
    return TEMPLATE.replace(from, to);
  };
  // Each of these is left to the full reading: a form the fast path does not read, or a problem.
  it.each([
    ["a set of branch labels", replace("branch_labels: Union[str, Sequence[str], None] = None", "branch_labels = {'a', 'b'}")],
    ["an escape in a value", replace("'0123456789ab'", "'0123456789\\x61b'")],
    ["a prefixed string", replace("'0123456789ab'", "u'0123456789ab'")],
    ["Windows line ends", TEMPLATE.replaceAll("\n", "\r\n")],
    ["a byte order mark", `\ufeff${TEMPLATE}`],
    ["a line continuation in the header", replace("revision: str = 'ab12cd34ef56'", "revision: str = \\\n    'ab12cd34ef56'")],
    ["an import that binds revision", replace("import sqlalchemy as sa", "import sqlalchemy as revision")],
    ["a from-import of down_revision", replace("from alembic import op", "from alembic import op, down_revision")],
    ["a star import", replace("from alembic import op", "from alembic import *")],
    ["a __future__ import", replace("from typing import", "from __future__ import annotations\nfrom typing import")],
    ["a keyword as an imported name", replace("from alembic import op", "from alembic import None")],
    ["a decorator", replace("def upgrade() -> None:", "@log\ndef upgrade() -> None:")],
    ["a function with arguments", replace("def upgrade() -> None:", "def upgrade(engine_name: str) -> None:")],
    ["a function named like a variable", replace("def downgrade() -> None:", "def depends_on() -> None:")],
    ["a second assignment", replace("depends_on: Union[str, Sequence[str], None] = None", "depends_on = None\ndepends_on = None")],
    ["a sequence as revision", replace("revision: str = 'ab12cd34ef56'", "revision = ('ab12cd34ef56',)")],
    ["an invalid revision id", replace("revision: str = 'ab12cd34ef56'", "revision = 'ab12 cd34'")],
    ["an empty down_revision", replace("'0123456789ab'\nbranch", "''\nbranch")],
    ["no down_revision", replace("down_revision: Union[str, None] = '0123456789ab'\n", "")],
    ["no revision in a file not named by a hex id", replace("revision: str = 'ab12cd34ef56'\n", "")],
    ["a bracket never closed in a body", replace('    op.drop_table("users")', '    op.drop_table("users"')],
    ["an unexpected indent in a body", replace('    op.drop_table("users")', '    op.drop_table("users")\n        op.x()')],
    ["a body missing", replace('    op.drop_table("users")\n', "")],
    ["a statement after the functions", `${TEMPLATE}revision = 'other'\n`],
    ["an indented header line", replace("depends_on: Union", " depends_on: Union")],
    ["bytes that were not UTF-8", replace("add users\n", "add us\ufffdrs\n")],
  ])("defers on %s", (_name, text) => {
    expect(readTemplateRevision("versions/case.py", text)).toBeNull();
  });
});
