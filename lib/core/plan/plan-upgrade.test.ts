import { describe, expect, it } from "vitest";
import { planUpgrade } from "./plan-upgrade";
import { FIXTURES, mapOf } from "../graph/test-graph";
import { applyUpgradeStep } from "./version-rows";
import type { MigrationPlan, VersionOp } from "../types";

function plan(spec: string, target: string, rows: string[]): MigrationPlan {
  const result = planUpgrade(mapOf(spec), { target, rows });
  if (!result.ok) throw new Error(`unexpected refusal: ${result.error.message}`);
  return result.value;
}

const sql = (ops: VersionOp[]) =>
  ops.map((o) => (o.op === "insert" ? `INSERT ${o.revision}` : o.op === "delete" ? `DELETE ${o.revision}` : `UPDATE ${o.from}→${o.to}`));

const TWIN = "a; b1<-a; b2<-a; b3<-a; c1<-b1,b2,b3; c2<-b1,b2,b3; d1<-c1; d2<-c2";
const NOT_QUITE_TWIN = "a; b1<-a; b2<-a; b3<-a; c1<-b1,b2; c2<-b2,b3; d1<-c1; d2<-c2";
const TWO_ROOTS_MERGE = "a1; b1<-a1; c1<-b1; a2; b2<-a2; c2<-b2; d1<-c1,c2; d2<-c2";
const THREE_WAY = "a1; b1<-a1; c1<-b1; a2; b2<-a2; c2<-b2; a3; b3<-a3; c3<-b3; d1<-c1,c2,c3; d2<-c2; d3<-c3";
const MULTI_BASE_CROSS = FIXTURES.deps;

describe("which revisions an upgrade runs, in order (§4.2, §10)", () => {
  it.each([
    ["§4.2 heads from empty", FIXTURES.branched, "heads", [], ["a", "b", "c2", "d2", "c1", "d1"], ["d1", "d2"]],
    ["§10.18 up(e, c)", FIXTURES.linear, "e", ["c"], ["d", "e"], ["e"]],
    ["§10.18 up(c, none)", FIXTURES.linear, "c", [], ["a", "b", "c"], ["c"]],
    ["§10.18 up(+2, a)", FIXTURES.linear, "+2", ["a"], ["b", "c"], ["c"]],
    ["§10.18 up(b+2, a)", FIXTURES.linear, "b+2", ["a"], ["b", "c", "d"], ["d"]],
    ["§10.18 up(d-2, a)", FIXTURES.linear, "d-2", ["a"], ["b"], ["b"]],
    ["§10.22 up((d1, d2), a)", FIXTURES.branched, "heads", ["a"], ["b", "c2", "d2", "c1", "d1"], ["d1", "d2"]],
    ["§10.22 up(c2branch@head-1, b)", FIXTURES.branched, "c2branch@head-1", ["b"], ["c2"], ["c2"]],
    ["§10.26 up(c2branch@+1, c1)", FIXTURES.branched, "c2branch@+1", ["c1"], ["c2"], ["c1", "c2"]],
    ["§10.26 up(c2branch@+1, (c1, c2))", FIXTURES.branched, "c2branch@+1", ["c1", "c2"], ["d2"], ["c1", "d2"]],
    ["§10.26 up(base+1, [])", FIXTURES.branched, "base+1", [], ["a"], ["a"]],
    ["§10.26 up(+1, [])", FIXTURES.branched, "+1", [], ["a"], ["a"]],
    ["§10.27 up(f, b)", `${FIXTURES.merged}; f<-e`, "f", ["b"], ["c2", "d2", "c1", "d1", "e", "f"], ["f"]],
    // Alembic 1.8.1's real order (checked); §10.28 itself is the row sequence tested below.
    ["twin merge heads", TWIN, "heads", ["a"], ["b3", "b2", "b1", "c2", "d2", "c1", "d1"], ["d1", "d2"]],
    ["§10.30 up(d1, (d2, b1))", TWO_ROOTS_MERGE, "d1", ["d2", "b1"], ["c1", "d1"], ["d1", "d2"]],
    ["§10.31 up(d1, (d3, b2, b1))", THREE_WAY, "d1", ["d3", "b2", "b1"], ["c2", "c1", "d1"], ["d1", "d3"]],
    ["§10.31 then up(d2, (d3, d1))", THREE_WAY, "d2", ["d3", "d1"], ["d2"], ["d1", "d2", "d3"]],
    ["§10.35 dependency on own parent", "a1; a2<-a1 dep=a1", "a2", [], ["a1", "a2"], ["a2"]],
    ["§10.37 up(b1, a1)", "a1; b1 dep=a1; bmerge<-a1,b1", "b1", ["a1"], ["b1"], ["b1"]],
    ["§10.37 up(bmerge, b1)", "a1; b1 dep=a1; bmerge<-a1,b1", "bmerge", ["b1"], ["bmerge"], ["bmerge"]],
    ["§10.38 label in depends_on", "a1; b1<-a1; c1<-b1 label=c1lib; a2; b2<-a2; c2<-b2 dep=c1lib", "c2", ["a2"], ["a1", "b1", "c1", "b2", "c2"], ["c2"]],
    ["§10.39 forest", "a1; b1<-a1; a2; b2<-a2", "heads", [], ["a2", "b2", "a1", "b1"], ["b1", "b2"]],
    ["§10.13 b_2@head pulls in the dependency", MULTI_BASE_CROSS_ONE(), "b_2@head", [], ["base3", "a3", "base2", "a2", "b2", "c2", "d2"], ["d2"]],
    ["§4.3 deps: upgrade heads after b3", MULTI_BASE_CROSS, "heads", ["b3"], ["a3"], ["a3", "b3"]],
    ["§4.3 effective head x1 uses up a3's row", `${MULTI_BASE_CROSS}; x1 dep=a3`, "heads", ["a3", "b3"], ["x1"], ["b3", "x1"]],
    ["an ancestor of the rows needs nothing", FIXTURES.branched, "b", ["d1"], [], ["d1"]],
    ["another branch adds a row", FIXTURES.branched, "c2", ["d1"], ["c2"], ["c2", "d1"]],
    ["upgrade head in an empty directory is a no-op", "", "head", [], [], []],
    ["upgrade base is a no-op", FIXTURES.linear, "base", ["b"], [], ["b"]],
  ])("%s", (_name, spec, target, rows, steps, after) => {
    const result = plan(spec, target, rows);
    expect(result.steps.map((s) => s.revision)).toEqual(steps);
    expect(result.after).toEqual(after);
    expect(result.steps.every((s) => s.direction === "up")).toBe(true);
  });
});

function MULTI_BASE_CROSS_ONE(): string {
  return "base1 label=b_1; a1a<-base1; a1b<-base1; b1a<-a1a; b1b<-a1b dep=a3; base2 label=b_2; a2<-base2; b2<-a2; c2<-b2 dep=a3; d2<-c2; base3 label=b_3; a3<-base3; b3<-a3";
}

describe("version-table changes per step (§4.3, HeadMaintainer)", () => {
  it.each([
    [
      "heads from empty",
      FIXTURES.branched,
      "heads",
      [],
      ["INSERT a", "UPDATE a→b", "UPDATE b→c2", "UPDATE c2→d2", "INSERT c1", "UPDATE c1→d1"],
    ],
    ["merge: 2 rows → 1", FIXTURES.merged, "head", ["d1", "d2"], ["DELETE d1", "UPDATE d2→e"]],
    ["dependency: DELETE b1; UPDATE a2→b2", FIXTURES.deps, "b2", ["a2", "b1"], ["DELETE b1", "UPDATE a2→b2"]],
    ["dependency already implied: UPDATE b2→b3", FIXTURES.deps, "b3", ["b2"], ["UPDATE b2→b3"]],
  ])("%s", (_name, spec, target, rows, expected) => {
    expect(plan(spec, target, rows).steps.flatMap((s) => sql(s.versionOps))).toEqual(expected);
  });

  it("records the rows after each step, sorted", () => {
    const result = plan(FIXTURES.deps, "b3", ["a2", "b1"]);
    expect(result.steps.map((s) => s.rowsAfter)).toEqual([["b2"], ["b3"]]);
    expect(result.before).toEqual(["a2", "b1"]);
  });

  it("merges a hand-written merge that names an ancestor instead of crashing like Alembic", () => {
    const result = plan("a; b<-a; c1<-b; d1<-c1; c2<-b; d2<-c2; m<-d1,d2,b", "m", ["d1", "d2"]);
    expect(result.after).toEqual(["m"]);
    expect(result.notes.join(" ")).toContain("KeyError");
  });

  it("treats an upgrade that walks below the first revision as base, with a note", () => {
    const result = plan(FIXTURES.linear, "a-1", ["b"]);
    expect(result.steps).toEqual([]);
    expect(result.notes[0]).toContain("AssertionError");
  });
});

describe("HeadMaintainer row sequences (§10.28, §10.29)", () => {
  it.each([
    ["twin merge", TWIN, [["b3", ["b3"]], ["b1", ["b1", "b3"]], ["b2", ["b1", "b2", "b3"]], ["c2", ["c2"]], ["d2", ["d2"]], ["c1", ["c1", "d2"]], ["d1", ["d1", "d2"]]]],
    ["not-quite-twin merge", NOT_QUITE_TWIN, [["b2", ["b2"]], ["b3", ["b2", "b3"]], ["c2", ["c2"]], ["d2", ["d2"]], ["b1", ["b1", "d2"]], ["c1", ["c1", "d2"]], ["d1", ["d1", "d2"]]]],
  ] as const)("%s", (_name, spec, sequence) => {
    const map = mapOf(spec);
    let rows = ["a"];
    for (const [revision, after] of sequence) {
      rows = applyUpgradeStep(map, rows, revision).rows;
      expect([revision, [...rows].sort()]).toEqual([revision, after]);
    }
  });
});

describe("refusals (§4.2, §8)", () => {
  it.each([
    ["rows overlap (c1, d1) then heads", FIXTURES.branched, "heads", ["c1", "d1"], "overlap", "Requested revision d1 overlaps with other requested revisions c1"],
    ["unknown row", FIXTURES.branched, "heads", ["ffff"], "unknown-revision", "Can't locate revision identified by 'ffff'"],
    [
      "head with two heads names the typed target",
      FIXTURES.branched,
      "b@head",
      [],
      "multiple-heads",
      "Multiple head revisions are present for given argument 'b@head'; please specify a specific target revision, '<branchname>@b@head' to narrow to a specific head, or 'heads' for all heads",
    ],
    ["-N upgrade", FIXTURES.linear, "-2", ["b"], "relative-out-of-range", "Relative revision -2 didn't produce 2 migrations"],
    ["+N past the top", FIXTURES.linear, "+5", ["b"], "relative-out-of-range", "Relative revision +5 didn't produce 5 migrations"],
    ["+1 from two rows", FIXTURES.branched, "+1", ["c1", "c2"], "ambiguous-upgrade", "Ambiguous upgrade from multiple current revisions"],
    ["graph problems", "a; b<-zz", "heads", [], "graph-problems", "Revision zz referenced from b is not present"],
  ])("%s", (_name, spec, target, rows, code, message) => {
    const result = planUpgrade(mapOf(spec), { target, rows });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(message);
  });

  it("refuses overlapping requested targets (§10.11)", () => {
    const map = mapOf(
      "a1; a2<-a1; a3<-a2; b1<-a3; b2<-a3; cb1<-b1; cb2<-b2; db1<-cb1; db2<-cb2; e1b1<-db1; fe1b1<-e1b1; e2b1<-db1; e2b2<-db2; merge<-e2b1,e2b2",
    );
    const result = planUpgrade(map, { target: "heads", rows: ["db1", "fe1b1"] });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: "overlap", message: expect.stringContaining("Requested revision fe1b1 overlaps with other requested revisions db1") }) });
  });
});
