// Every header form of test/fixtures/python-forms.ts, imported by real Alembic and read by Retort's
// static reader from the same files: the values must agree (or Retort must say it could not read
// them). Also checks each claim Retort makes about Alembic failing, by running Alembic.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMigrationDirectory } from "../../lib/server/migration-dir";
import { FORM_CASES, type FormCase } from "../fixtures/python-forms";
import { alembicPython, SORTED_ALEMBIC } from "./alembic-side";

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "retort-forms-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A project holding the case's revision, stub revisions for every id it names, and its modules. */
function writeProject(form: FormCase, dir: string): void {
  mkdirSync(path.join(dir, "versions"), { recursive: true });
  writeFileSync(path.join(dir, "alembic.ini"), "[alembic]\nscript_location = %(here)s\nprepend_sys_path = .\n");
  writeFileSync(path.join(dir, "env.py"), "");
  writeFileSync(path.join(dir, "versions", "case.py"), `"""case"""\n${form.header}\n`);
  for (const id of new Set([...form.expected.down, ...form.expected.dependsOn])) {
    writeFileSync(path.join(dir, "versions", `stub_${id}.py`), `revision = '${id}'\ndown_revision = None\n`);
  }
  for (const [file, text] of Object.entries(form.modules ?? {})) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

const READ_CASE = `
import json, sys
sys.path.insert(0, ${JSON.stringify(path.dirname(SORTED_ALEMBIC))})
import alembic_sorted
from alembic.config import Config
from alembic.script import ScriptDirectory
script = ScriptDirectory.from_config(Config("alembic.ini"))
rev = next(r for r in script.walk_revisions() if r.path.endswith("case.py"))
down = rev.down_revision
print(json.dumps({"revision": rev.revision, "down": [] if down is None else [down] if isinstance(down, str) else list(down),
  "labels": sorted(rev._orig_branch_labels), "dependsOn": [] if rev.dependencies is None else [rev.dependencies] if isinstance(rev.dependencies, str) else list(rev.dependencies)}))
`;

describe("the static reader agrees with Alembic's import of the same file", () => {
  for (const form of FORM_CASES) {
    it(form.name, async () => {
      const dir = path.join(root, form.name.replace(/\W+/g, "_"));
      writeProject(form, dir);
      const alembic = spawnSync(alembicPython(), ["-c", READ_CASE], { cwd: dir, encoding: "utf8", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
      expect(alembic.status, alembic.stderr).toBe(0);
      const loaded = JSON.parse(alembic.stdout) as FormCase["expected"];
      expect(loaded).toEqual({ ...form.expected, labels: [...form.expected.labels].sort() });
      const directory = await loadMigrationDirectory({ alembicIni: path.join(dir, "alembic.ini"), cwd: dir });
      const ours = directory.sources.find((s) => s.path.endsWith("case.py"))!;
      const unreadable = form.unreadable ?? [];
      const blank = (name: string, value: string[]) => (unreadable.includes(name) ? [] : value);
      expect({ revision: ours.revision, down: ours.downRevisions, labels: [...ours.branchLabels].sort(), dependsOn: ours.dependsOn }).toEqual({
        revision: loaded.revision, down: blank("down_revision", loaded.down), labels: blank("branch_labels", loaded.labels), dependsOn: blank("depends_on", loaded.dependsOn),
      });
    });
  }
});

describe("what Retort says Alembic does, Alembic does", () => {
  const cases: [string, Record<string, string>, RegExp, RegExp][] = [
    ["a missing down_revision fails with AttributeError", { "a1.py": "revision = 'a1'\n" }, /has no attribute 'down_revision'/, /AttributeError: module 'a1_py' has no attribute 'down_revision'|has no attribute 'down_revision'/],
    ["a missing parent fails with KeyError", { "b1.py": "revision = 'b1'\ndown_revision = 'gone'\n" }, /Alembic fails with KeyError: 'gone'/, /KeyError: 'gone'/],
    ["a file without revision cannot be loaded", { "foo_b1.py": "down_revision = None\n" }, /Could not determine revision id from filename foo_b1\.py/, /Could not determine revision id from filename foo_b1\.py/],
  ];
  for (const [name, files, retortSays, alembicSays] of cases) {
    it(name, async () => {
      const dir = path.join(root, name.replace(/\W+/g, "_"));
      mkdirSync(path.join(dir, "versions"), { recursive: true });
      writeFileSync(path.join(dir, "alembic.ini"), "[alembic]\nscript_location = %(here)s\n");
      writeFileSync(path.join(dir, "env.py"), "");
      for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, "versions", file), text);
      const directory = await loadMigrationDirectory({ alembicIni: path.join(dir, "alembic.ini"), cwd: dir });
      const { buildRevisionMap } = await import("../../lib/core/graph/revision-map");
      const messages = [...directory.problems, ...buildRevisionMap(directory.sources).problems].map((p) => p.message).join("\n");
      expect(messages).toMatch(retortSays);
      const alembic = spawnSync(alembicPython(), [SORTED_ALEMBIC, "heads"], { cwd: dir, encoding: "utf8" });
      expect(alembic.status).not.toBe(0);
      expect(alembic.stdout + alembic.stderr).toMatch(alembicSays);
    });
  }
});
