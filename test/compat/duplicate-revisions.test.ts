// A revision id declared by more than one file: Alembic 1.8.1 warns "Revision X is present more
// than once", keeps the last file loaded for lookups, and leaves every earlier file in its heads
// tuple. `retort heads` must print what `alembic heads` prints, and must still exit non-zero.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../cli-harness";
import { SORTED_ALEMBIC, alembicPython } from "./alembic-side";

const CLI = path.join(ROOT, "bin/retort.mjs");
const root = mkdtempSync(path.join(tmpdir(), "retort-dupes-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** file name → [revision, down_revision or null]; files load in sorted name order. */
type Files = Record<string, [string, string | null]>;

const CASES: [string, Files][] = [
  ["the later file's parent has the head", { a_one: ["a", null], b_one: ["b", "a"], c_one: ["c", "a"], d_two: ["b", "c"], e_three: ["e", "b"] }],
  ["the later file is a base", { a_one: ["a", null], b_one: ["b", "a"], c_two: ["b", null] }],
  ["a head declared three times", { a_one: ["a", null], b_one: ["b", "a"], b_two: ["b", "a"], b_three: ["b", "a"] }],
  ["an earlier copy with a child", { a_one: ["a", null], b_one: ["b", "a"], c_one: ["c", "b"], d_two: ["b", "a"] }],
];

function write(name: string, files: Files): string {
  const dir = path.join(root, name.replace(/\W+/g, "_"));
  mkdirSync(path.join(dir, "versions"), { recursive: true });
  writeFileSync(path.join(dir, "alembic.ini"), "[alembic]\nscript_location = %(here)s\n");
  writeFileSync(path.join(dir, "env.py"), "");
  for (const [file, [revision, down]] of Object.entries(files)) {
    writeFileSync(path.join(dir, "versions", `${file}.py`), `"""${file}"""\nrevision = '${revision}'\ndown_revision = ${down ? `'${down}'` : "None"}\nbranch_labels = None\ndepends_on = None\n`);
  }
  return dir;
}

describe("a duplicated revision id is listed as alembic heads lists it", () => {
  for (const [name, files] of CASES) {
    it(name, () => {
      const dir = write(name, files);
      const env = { ...process.env, PYTHONHASHSEED: "0", PYTHONDONTWRITEBYTECODE: "1" };
      for (const argv of [["heads"], ["heads", "-v"]]) {
        const alembic = spawnSync(alembicPython(), [SORTED_ALEMBIC, ...argv], { cwd: dir, env, encoding: "utf8" });
        expect(alembic.status, alembic.stderr).toBe(0);
        expect(alembic.stderr).toContain("is present more than once");
        const retort = spawnSync(process.execPath, [CLI, ...argv, "--dir", dir], { cwd: dir, encoding: "utf8" });
        expect(retort.stdout).toBe(alembic.stdout);
        expect(retort.status).toBe(1);
        expect(retort.stderr).toContain("is present more than once");
      }
    });
  }
});
