// `retort history -r` with relative ends (-3:current, base:+2, -1:heads, a1:+2, -2:, :+1 …)
// prints what `alembic history --rev-range=…` prints on the same directory and version row:
// byte for byte on success, Alembic's message (and a non-zero exit) on failure. Alembic runs
// in one Python process for every case (stamp, then history), on SQLite.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli-harness";
import { ALEMBIC_ENV_PY } from "../schema/alembic-project";
import { SORTED_ALEMBIC, alembicPython } from "./alembic-side";

const root = mkdtempSync(path.join(tmpdir(), "retort-history-relative-"));
// One Python process: for each case stamp the row (or purge to empty), run history, then write
// NUL and the exit code (Alembic's Config keeps the sys.stdout it started with, so no capturing).
const ORACLE = `import json, runpy, sys
runpy.run_path(sys.argv[1])
from alembic.config import main
for case in json.load(sys.stdin):
    for argv in (["-c", case["ini"], "stamp", "--purge", case["row"] or "base"], ["-c", case["ini"], "history", "--rev-range=" + case["range"]]):
        code = 0
        try:
            main(argv=argv, prog="alembic")
        except SystemExit as e:
            code = e.code or 0
    sys.stdout.write("\\0%d\\n" % code)
    sys.stdout.flush()
`;

// merged: a1-b2-c3 forks into d4-e5 and x4, merged by m6, then g7-h8-i9 (one head).
// forked: the same plus y3 on b2, a second head. linear: a1-b2-c3-d4 (walks can run off both ends).
// labelled: two bases with branch labels, core (a1-b2-c3) and extra (d1-d2).
type Spec = [id: string, down: string | string[] | null, label?: string];
const PROJECTS: Record<string, Spec[]> = {
  merged: [["a1", null], ["b2", "a1"], ["c3", "b2"], ["d4", "c3"], ["x4", "c3"], ["e5", "d4"], ["m6", ["e5", "x4"]], ["g7", "m6"], ["h8", "g7"], ["i9", "h8"]],
  forked: [["a1", null], ["b2", "a1"], ["c3", "b2"], ["d4", "c3"], ["x4", "c3"], ["e5", "d4"], ["m6", ["e5", "x4"]], ["g7", "m6"], ["y3", "b2"]],
  linear: [["a1", null], ["b2", "a1"], ["c3", "b2"], ["d4", "c3"]],
  labelled: [["a1", null, "core"], ["b2", "a1"], ["c3", "b2"], ["d1", null, "extra"], ["d2", "d1"]],
};
const LABEL_RANGES = ["core@-1:heads", "extra@-1:", "core@-2:core@head", "base:core@+2", ":extra@+1", "current:core@+1", "core@base:heads", "a1:core@+9",
  "core@b2:", "-1:core@head", "-1:d2", "extra@d1:+1", "current:extra@+1", "b2:extra@+1",
  "core@-5:c3", "core@-9:", "extra@-7:d2", "core@-4:b2", "core@-3:current"];
const RANGES = [
  "-3:current", "base:+2", "-1:heads", "current:+1", "a1:+2", "-2:", ":+1", "-1:current", "-4:current", "-9:current", "current:+9",
  "-9:", ":+9", "-2:h8", "-3:i9", "-1:c3", "c3:+1", "m6:+1", "g7:+5", ":-1", "current:-1", "-1:+1", "i9:-2", "a1:g7-9", "-4:", "-5:",
  "-3:heads", ":+0", "x4:+1", "-1:base", "current:base", "heads:+1", "current:heads",
];
const ROWS: Record<string, (string | null)[]> = { merged: ["c3", "e5", "h8", "i9", null], forked: ["c3", "e5", null], linear: ["a1", "c3", "d4", null], labelled: ["b2", "d1", null] };

interface Case { project: string; row: string | null; range: string; ini: string }
const cases: Case[] = Object.entries(ROWS).flatMap(([project, rows]) =>
  rows.flatMap((row) => (project === "labelled" ? LABEL_RANGES : RANGES).map((range) => ({ project, row, range, ini: path.join(root, project, "alembic.ini") }))));
let oracle: { code: number; stdout: string }[] = [];

function writeProject(name: string, revisions: Spec[]): void {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, "versions"), { recursive: true });
  writeFileSync(path.join(dir, "env.py"), ALEMBIC_ENV_PY);
  writeFileSync(path.join(dir, "alembic.ini"), `[alembic]\nscript_location = %(here)s\nsqlalchemy.url = sqlite:///${path.join(dir, "db.sqlite")}\n`);
  revisions.forEach(([id, down, label], i) => {
    const downText = down === null ? "None" : Array.isArray(down) ? `(${down.map((d) => `'${d}'`).join(", ")})` : `'${down}'`;
    writeFileSync(path.join(dir, "versions", `r${i}.py`), `"""step ${id}"""\nrevision = '${id}'\ndown_revision = ${downText}\nbranch_labels = ${label ? `('${label}',)` : "None"}\ndepends_on = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n`);
  });
}

beforeAll(() => {
  for (const [name, revisions] of Object.entries(PROJECTS)) writeProject(name, revisions);
  const run = spawnSync(alembicPython(), ["-c", ORACLE, SORTED_ALEMBIC], { cwd: root, input: JSON.stringify(cases), encoding: "utf8", maxBuffer: 1 << 26,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
  expect(run.status, run.stderr).toBe(0);
  // Each case's output, then NUL and the exit code on a line of its own.
  oracle = run.stdout.split(/\0(-?\d+)\n/).flatMap((stdout, i, parts) => (i % 2 === 0 && i + 1 < parts.length ? [{ stdout, code: Number(parts[i + 1]) }] : []));
  expect(oracle.length).toBe(cases.length);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("history -r with relative ends, against alembic history --rev-range", () => {
  it("covers successes and failures of every kind", () => {
    const ok = oracle.filter((o) => o.code === 0 && o.stdout.split("\n").length > 2).length;
    const failures = new Set(oracle.filter((o) => o.code !== 0).map((o) => o.stdout.replace(/'[^']*'|\b[a-z]\d\b|-?\d+/g, "")));
    expect(ok).toBeGreaterThan(40);
    expect(failures.size).toBeGreaterThanOrEqual(6);
  });

  for (const [index, c] of cases.entries()) {
    it(`${c.project} at ${c.row ?? "(empty)"}: -r ${c.range}`, async () => {
      const expected = oracle[index]!;
      const run = await runCli(["history", "-r", c.range, "--dir", path.join(root, c.project), "--from", c.row ?? ""], { DATABASE_URL: "" });
      if (expected.code === 0) {
        expect([run.code, run.stdout]).toEqual([0, expected.stdout]);
      } else {
        expect(expected.stdout.startsWith("FAILED: ")).toBe(true);
        expect(run.code).not.toBe(0);
        expect(run.stderr).toContain(expected.stdout.slice("FAILED: ".length).trim());
      }
    });
  }

  it("reads `current` from the database for a relative end, and the JSON form lists the same revisions", async () => {
    const dir = path.join(root, "merged");
    const url = `sqlite:///${path.join(dir, "db.sqlite")}`;
    const stamp = spawnSync(alembicPython(), [SORTED_ALEMBIC, "-c", path.join(dir, "alembic.ini"), "stamp", "--purge", "h8"], { cwd: dir, encoding: "utf8" });
    expect(stamp.status).toBe(0);
    const text = await runCli(["history", "-r", "-3:current", "--dir", dir, "--url", url], { DATABASE_URL: "" });
    expect(text.stdout).toBe("g7 -> h8, step h8\nm6 -> g7, step g7\ne5, x4 -> m6 (mergepoint), step m6\n");
    const json = await runCli(["history", "-r", "-3:current", "--dir", dir, "--url", url, "--json"], { DATABASE_URL: "" });
    expect((json.json as { revisions: { revision: string }[] }).revisions.map((r) => r.revision)).toEqual(["h8", "g7", "m6"]);
  });
});
