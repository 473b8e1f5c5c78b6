import { describe, expect, it } from "vitest";
import { planDowngrade } from "./plan-downgrade";
import { FIXTURES, mapOf } from "../graph/test-graph";
import type { MigrationPlan, VersionOp } from "../types";

function plan(spec: string, target: string, rows: string[]): MigrationPlan {
  const result = planDowngrade(mapOf(spec), { target, rows });
  if (!result.ok) throw new Error(`unexpected refusal: ${result.error.message}`);
  return result.value;
}

const sql = (ops: VersionOp[]) =>
  ops.map((o) => (o.op === "insert" ? `INSERT ${o.revision}` : o.op === "delete" ? `DELETE ${o.revision}` : `UPDATE ${o.from}→${o.to}`));

const { linear, branched, merged, deps } = FIXTURES;
const NORMDEPS = "a1; a2<-a1; a3<-a2; b1; b2<-b1 dep=a3; b3<-b2; b4<-b3 dep=a3; b5<-b4 dep=b4";
const EFFECTIVE = "y1 label=y; x1 label=x; y2<-y1 dep=x1; x2<-x1";
const CROSS_ONE =
  "base1 label=b_1; a1a<-base1; a1b<-base1; b1a<-a1a; b1b<-a1b dep=a3; base2 label=b_2; a2<-base2; b2<-a2; c2<-b2 dep=a3; d2<-c2; base3 label=b_3; a3<-base3; b3<-a3";
const TWO_ROOTS_MERGE = "a1; b1<-a1; c1<-b1; a2; b2<-a2; c2<-b2; d1<-c1,c2; d2<-c2";
const DEP_BRANCH_ONE = "a1; b1<-a1; c1<-b1; d1<-c1; e1<-d1; a2; b2<-a2; c2<-b2 dep=c1";
const DEP_BRANCH_TWO = "a1; a2; a3; amerge<-a1,a2,a3; b1; b2; bmerge<-b1,b2; c1; c2; c3; cmerge<-c1,c2,c3; d1 dep=a3,b2,c1";
const CRISS_CROSS = "a1; a2<-a1; b1; a3<-a2 dep=b1; b2<-b1 dep=a2; b3<-b2";
const DEP_BRANCH_FIVE = "a1; b1 dep=a1; bmerge<-a1,b1";
const CROSS_BRANCH = "a; b<-a; c1<-b label=c1branch; c2<-b label=c2branch dep=c1; d1<-c1; d2<-c2";

describe("which revisions a downgrade runs, in order (§4.4, §10)", () => {
  it.each([
    ["§10.19 down(c, e)", linear, "c", ["e"], ["e", "d"], ["c"]],
    ["§10.19 down(base, c)", linear, "base", ["c"], ["c", "b", "a"], []],
    ["§10.19 down(-1, c)", linear, "-1", ["c"], ["c"], ["b"]],
    ["§10.19 down(a+2, d)", linear, "a+2", ["d"], ["d"], ["c"]],
    ["§10.19 down(c-2, d)", linear, "c-2", ["d"], ["d", "c", "b"], ["a"]],
    ["§10.19 down(a, {a}) is a no-op", linear, "a", ["a"], [], ["a"]],
    ["§10.19 down(e, {e}) is a no-op", linear, "e", ["e"], [], ["e"]],
    ["§10.19 down(base, {})", linear, "base", [], [], []],
    ["§10.22 down(a, (d1, d2))", branched, "a", ["d1", "d2"], ["d1", "c1", "d2", "c2", "b"], ["a"]],
    ["§10.23 down(base+2)", branched, "base+2", ["d2", "d1"], ["d1", "c1", "d2", "c2"], ["b"]],
    ["§10.23 down(c2branch@base+2)", branched, "c2branch@base+2", ["d2", "d1"], ["d2", "c2"], ["d1"]],
    ["§10.23 down(c2)", branched, "c2", ["d2", "d1"], ["d2"], ["c2", "d1"]],
    ["§10.23 down(c2branch@base+3)", branched, "c2branch@base+3", ["d2", "d1"], ["d2"], ["c2", "d1"]],
    ["§10.24 down(-1) walks from the first row", branched, "-1", ["d1", "d2"], ["d1"], ["c1", "d2"]],
    ["§10.24 down(c1branch@-1)", branched, "c1branch@-1", ["d1", "d2"], ["d1"], ["c1", "d2"]],
    ["§10.24 down(d2-1) rows [d2, c1]", branched, "d2-1", ["d2", "c1"], ["d2"], ["c1", "c2"]],
    ["§10.24 down(d2-1) rows [c1, d2]", branched, "d2-1", ["c1", "d2"], ["d2"], ["c1", "c2"]],
    ["§10.25 down(c1branch@b, (c1, d2))", branched, "c1branch@b", ["c1", "d2"], ["c1"], ["d2"]],
    ["§10.25 down(c2branch@b, (c1, d2))", branched, "c2branch@b", ["c1", "d2"], ["d2", "c2"], ["c1"]],
    ["§10.25 down(c2@b, (d1, d2))", branched, "c2@b", ["d1", "d2"], ["d2", "c2"], ["d1"]],
    ["§10.25 down(d1@b, (d1, d2))", branched, "d1@b", ["d1", "d2"], ["d1", "c1"], ["d2"]],
    ["§10.25 down(c1branch@head-1, (d1, d2))", branched, "c1branch@head-1", ["d1", "d2"], ["d1"], ["c1", "d2"]],
    ["§10.26 down(-1, [a])", branched, "-1", ["a"], ["a"], []],
    ["§10.26 down(c2, [d1, c2]) is a no-op", branched, "c2", ["d1", "c2"], [], ["c2", "d1"]],
    ["§10.26 down(d1, [d1, c2]) is a no-op", branched, "d1", ["d1", "c2"], [], ["c2", "d1"]],
    ["§4.4 label@branchpoint takes one side down", branched, "c2branch@b", ["d1", "d2"], ["d2", "c2"], ["d1"]],
    ["§4.4 label@base in a single-root tree takes everything", branched, "c2branch@base", ["d1", "d2"], ["d1", "c1", "d2", "c2", "b", "a"], []],
    ["§10.27 down(b, f)", `${merged}; f<-e`, "b", ["f"], ["f", "e", "d1", "c1", "d2", "c2"], ["b"]],
    ["§10.16 heads to base", NORMDEPS, "base", ["b5"], ["b5", "b4", "b3", "b2", "b1", "a3", "a2", "a1"], []],
    ["§10.17 x@-1 from (x2, y2)", EFFECTIVE, "x@-1", ["x2", "y2"], ["x2"], ["y2"]],
    ["§10.17 x@-1 from (x1, y2)", EFFECTIVE, "x@-1", ["x1", "y2"], ["y2", "x1"], ["y1"]],
    ["§10.17 x@-1 from (y2)", EFFECTIVE, "x@-1", ["y2"], ["y2", "x1"], ["y1"]],
    ["§10.13 b_2@base takes only the 2s", CROSS_ONE, "b_2@base", ["b1a", "b1b", "d2", "b3"], ["d2", "c2", "b2", "a2", "base2"], ["b1a", "b1b", "b3"]],
    ["§10.13 b_3@base takes the dependents of a3 too", CROSS_ONE, "b_3@base", ["b1a", "b1b", "d2", "b3"], ["b1b", "d2", "c2", "b3", "a3", "base3"], ["a1b", "b1a", "b2"]],
    ["§10.30 down(b1, (d2, d1))", TWO_ROOTS_MERGE, "b1", ["d2", "d1"], ["d1", "c1"], ["b1", "d2"]],
    ["§10.32 dependent row on another root", DEP_BRANCH_ONE, "c1", ["c2", "d1"], ["d1"], ["c2"]],
    ["§10.33 down(b2)", DEP_BRANCH_TWO, "b2", ["amerge", "bmerge", "cmerge", "d1"], ["bmerge"], ["amerge", "b1", "cmerge", "d1"]],
    ["§10.33 down(d1@base)", DEP_BRANCH_TWO, "d1@base", ["amerge", "d1", "b1", "cmerge"], ["d1"], ["amerge", "b1", "b2", "cmerge"]],
    ["§10.34 criss-cross", CRISS_CROSS, "b1", ["a3", "b2"], ["b2"], ["a3"]],
    ["§10.35 dependency on own parent", "a1; a2<-a1 dep=a1", "a1", ["a2"], ["a2"], ["a1"]],
    ["§10.36 a3 is not re-inserted", NORMDEPS, "b3", ["b4"], ["b4"], ["b3"]],
    ["§10.37 down(a1, bmerge) (1.19 unmerge)", DEP_BRANCH_FIVE, "a1", ["bmerge"], ["bmerge"], ["b1"]],
    ["§10.37 down(b1, bmerge)", DEP_BRANCH_FIVE, "b1", ["bmerge"], ["bmerge"], ["b1"]],
    ["a label whose roots are all applied elsewhere is a silent no-op", CROSS_ONE, "b_1@base", ["b3"], [], ["b3"]],
    ["§10.40 c2branch@b", CROSS_BRANCH, "c2branch@b", ["d1", "d2"], ["d2", "c2"], ["d1"]],
    ["§10.40 c1branch@b takes the dependent branch down too", CROSS_BRANCH, "c1branch@b", ["d1", "d2"], ["d1", "d2", "c2", "c1"], ["b"]],
  ])("%s", (_name, spec, target, rows, steps, after) => {
    const result = plan(spec, target, rows);
    expect(result.steps.map((s) => s.revision)).toEqual(steps);
    expect(result.after).toEqual(after);
    expect(result.steps.every((s) => s.direction === "down")).toBe(true);
  });
});

describe("version-table changes per step (§4.3)", () => {
  it.each([
    ["unmerge then update", merged, "c1", ["e"], ["INSERT d2", "UPDATE e→d1", "UPDATE d1→c1"], ["c1", "d2"]],
    ["delete where the parent is still implied", branched, "base", ["c2", "d1"], ["DELETE c2", "UPDATE d1→c1", "UPDATE c1→b", "UPDATE b→a", "DELETE a"], []],
    ["dependents come down too", deps, "a1", ["a3", "b3"], ["DELETE a3", "UPDATE b3→b2", "INSERT a2", "UPDATE b2→b1", "UPDATE a2→a1"], ["a1", "b1"]],
  ])("%s", (_name, spec, target, rows, expected, after) => {
    const result = plan(spec, target, rows);
    expect(result.steps.flatMap((s) => sql(s.versionOps))).toEqual(expected);
    expect(result.after).toEqual(after);
    expect(result.steps[result.steps.length - 1].rowsAfter).toEqual(after);
  });

  it("notes Alembic's warning for -1 from several rows", () => {
    expect(plan(branched, "-1", ["d2", "d1"]).notes[0]).toContain("downgrade -1 from multiple heads is ambiguous");
    expect(plan(branched, "c1branch@-1", ["d1", "d2"]).notes).toEqual([]);
  });
});

describe("refusals (§4.4, §8)", () => {
  it.each([
    ["§4.4 d1 from (c1)", branched, "d1", ["c1"], "invalid-downgrade-target", "Destination d1 is not a valid downgrade target from current head(s)"],
    ["§10.19 b with no rows", linear, "b", [], "invalid-downgrade-target", "Destination b is not a valid downgrade target from current head(s)"],
    ["§10.19 c from b", linear, "c", ["b"], "invalid-downgrade-target", "Destination c is not a valid downgrade target from current head(s)"],
    ["§10.19 -5 from b", linear, "-5", ["b"], "relative-out-of-range", "Relative revision -5 didn't produce 5 migrations"],
    ["§10.19 +2 from b", linear, "+2", ["b"], "relative-out-of-range", "Relative revision +2 didn't produce 2 migrations"],
    ["§10.26 -1 from nothing", branched, "-1", [], "relative-out-of-range", "Relative revision -1 didn't produce 1 migrations"],
    ["§4.4 heads with two heads", branched, "heads", ["d1", "d2"], "multiple-heads", "Multiple head revisions are present for given argument 'heads'"],
    ["label filter leaves no root", "a; b<-a; c<-b; d<-b; x label=X", "X@b", ["c", "d"], "invalid-downgrade-target", "Not a valid downgrade target from current heads"],
    ["unknown row", linear, "a", ["zzzz"], "unknown-revision", "Can't locate revision identified by 'zzzz'"],
    ["merge point -1", merged, "e-1", ["e"], "ambiguous-walk", "Ambiguous walk"],
    ["graph problems", "a<-c; b<-a; c<-b", "base", [], "graph-problems", "Cycle is detected in revisions (a, b, c)"],
  ])("%s", (_name, spec, target, rows, code, message) => {
    const result = planDowngrade(mapOf(spec), { target, rows });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(message);
  });
});
