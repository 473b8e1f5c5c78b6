// `retort history -r` with `current` as an end reads the version table (--url, or --from), and
// prints what `alembic history -r` prints on the same directory and SQLite database.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../cli-harness";
import { ALEMBIC_ENV_PY } from "../schema/alembic-project";
import { SORTED_ALEMBIC, alembicPython } from "./alembic-side";

const CLI = path.join(ROOT, "bin/retort.mjs");
const dir = mkdtempSync(path.join(tmpdir(), "retort-history-current-"));
const CHAIN: [string, string | null][] = [["a1", null], ["b2", "a1"], ["c3", "b2"], ["d4", "c3"], ["e5", "d4"], ["f6", "e5"]];

function alembic(ini: string, argv: string[]): { status: number | null; stdout: string } {
  const run = spawnSync(alembicPython(), [SORTED_ALEMBIC, "-c", ini, ...argv], { cwd: dir, encoding: "utf8", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
  return { status: run.status, stdout: run.stdout };
}

function retort(argv: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, "history", ...argv, "--dir", dir], { cwd: dir, encoding: "utf8", env: { ...process.env, DATABASE_URL: "" } });
}

beforeAll(() => {
  mkdirSync(path.join(dir, "versions"));
  writeFileSync(path.join(dir, "env.py"), ALEMBIC_ENV_PY);
  for (const [name, file] of [["stamped", "c3.sqlite"], ["empty", "empty.sqlite"]]) {
    writeFileSync(path.join(dir, `${name}.ini`), `[alembic]\nscript_location = %(here)s\nsqlalchemy.url = sqlite:///${path.join(dir, file)}\n`);
  }
  CHAIN.forEach(([id, down], i) => {
    writeFileSync(path.join(dir, "versions", `r${i}.py`), `"""step ${id}"""\nrevision = '${id}'\ndown_revision = ${down ? `'${down}'` : "None"}\nbranch_labels = None\ndepends_on = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n`);
  });
  expect(alembic("stamped.ini", ["stamp", "c3"]).status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("history -r with current", () => {
  for (const range of ["current:heads", "base:current", "current:", ":current", "a1:current", "current:e5"]) {
    it(range, () => {
      const expected = alembic("stamped.ini", ["history", "-r", range]);
      expect(expected.status).toBe(0);
      expect(expected.stdout.split("\n").length).toBeGreaterThan(2);
      const byUrl = retort(["-r", range, "--url", `sqlite:///${path.join(dir, "c3.sqlite")}`]);
      expect([byUrl.status, byUrl.stdout]).toEqual([0, expected.stdout]);
      expect(retort(["-r", range, "--from", "c3"]).stdout).toBe(expected.stdout);
      const empty = alembic("empty.ini", ["history", "-r", range]);
      expect(retort(["-r", range, "--from", ""]).stdout).toBe(empty.stdout);
    });
  }

  it("refuses a range Alembic refuses, names the missing database, and does not guess between several rows", () => {
    expect(alembic("stamped.ini", ["history", "-r", "e5:current"]).status).not.toBe(0);
    const reversed = retort(["-r", "e5:current", "--from", "c3"]);
    expect(reversed.status).toBe(1);
    expect(reversed.stderr).toContain("does not refer to ancestor/descendant revisions");
    const noDatabase = retort(["-r", "current:heads"]);
    expect(noDatabase.status).toBe(2);
    expect(noDatabase.stderr).toContain("--url");
    const several = retort(["-r", "current:heads", "--from", "b2,c3"]);
    expect(several.status).toBe(1);
    expect(several.stderr).toContain("holds 2 (b2, c3)");
    // A relative start counts from the head (f6), not from current: -3 is c3 itself here.
    const relative = alembic("stamped.ini", ["history", "--rev-range=-3:current"]);
    expect(relative.stdout).toBe("b2 -> c3, step c3\n");
    expect(retort(["-r", "-3:current", "--from", "c3"]).stdout).toBe(relative.stdout);
  });
});
