// `retort show | branches | history -r A:B | history -v | heads -v` print what `alembic` prints,
// on corpus projects. Alembic prints some sets (children, labels) in hash order, so those
// outputs are compared as sorted lines with comma lists sorted; the rest exactly.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../cli-harness";
import { SORTED_ALEMBIC, alembicPython } from "./alembic-side";

const CORPUS = path.join(ROOT, "test/fixtures/corpus");
const CLI = path.join(ROOT, "bin/retort.mjs");

function both(project: string, ini: string, argv: string[]): { alembic: string; retort: string } {
  const cwd = path.dirname(path.join(CORPUS, project, ini));
  const env = { ...process.env, PYTHONPATH: [path.dirname(SORTED_ALEMBIC), path.join(CORPUS, project)].join(path.delimiter), PYTHONHASHSEED: "0" };
  const alembic = spawnSync(alembicPython(), [SORTED_ALEMBIC, "-c", path.basename(ini), ...argv], { cwd, env, encoding: "utf8" });
  const retort = spawnSync(process.execPath, [CLI, ...argv, "--alembic-ini", path.join(CORPUS, project, ini)], { cwd, encoding: "utf8" });
  expect(alembic.status, alembic.stderr).toBe(0);
  expect(retort.status, retort.stderr).toBe(0);
  return { alembic: alembic.stdout, retort: retort.stdout };
}

const unordered = (text: string) => text.split("\n").map((line) => line.replace(/(: |\()([^()]*, [^()]*)(\)?)$/, (_m, a, list: string, b) => a + list.split(", ").sort().join(", ") + b)).sort();

describe("Alembic's read-only output", () => {
  const neutron = "neutron/db/migration/alembic.ini";
  it("show of a head and of a branch point", () => {
    for (const rev of ["kilo", "heads"]) {
      const { alembic, retort } = both("neutron", neutron, ["show", rev]);
      expect(unordered(retort)).toEqual(unordered(alembic));
    }
  });

  it("branches and branches -v", () => {
    for (const argv of [["branches"], ["branches", "-v"]]) {
      const { alembic, retort } = both("neutron", neutron, argv);
      expect(unordered(retort)).toEqual(unordered(alembic));
    }
  });

  it("history -r A:B, history -v and heads -v", () => {
    for (const [project, ini, argv] of [["neutron", neutron, ["history", "-r", "kilo:expand@head"]], ["ckan", "ckan/migration/alembic.ini", ["history", "-v"]],
      ["polar", "server/alembic.ini", ["history", "-r", ":head"]], ["neutron", neutron, ["heads", "-v"]]] as const) {
      const { alembic, retort } = both(project, ini, [...argv]);
      expect(unordered(retort)).toEqual(unordered(alembic));
      if (argv[0] === "history" && argv[1] === "-r") expect(retort).toBe(alembic);
    }
  });
});
