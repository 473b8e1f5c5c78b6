import { describe, expect, it } from "vitest";
import { historyLine, historyOrder, indicators } from "./history";
import type { RevisionMap } from "./revision-map";
import { FIXTURES, mapOf } from "./test-graph";
import { topoSortDescending } from "./traverse";

/** Alembic's iterate_revisions(upper, lower, inclusive=True): upper's ancestors down to lower. */
function iterate(map: RevisionMap, upper: string[], lower: string | null): string[] {
  const todo = map.ancestors(upper);
  if (lower !== null) for (const id of map.ancestors(map.parentsOf(lower))) todo.delete(id);
  return topoSortDescending(map, todo, upper);
}

const BRANCH_TRAVELLING =
  "a1; a2<-a1; a3<-a2; b1<-a3; b2<-a3; cb1<-b1; cb2<-b2; db1<-cb1; db2<-cb2; e1b1<-db1; fe1b1<-e1b1; e2b1<-db1; e2b2<-db2; merge<-e2b1,e2b2";
const MULTIPLE_BRANCH =
  "a; b1<-a; b2<-a; cb1<-b1; cb2<-b2; d1cb1<-cb1; d2cb1<-cb1; d1cb2<-cb2; d2cb2<-cb2; d3cb2<-cb2; d1d2cb2<-d1cb2,d2cb2";

describe("§2.5 order: children before parents, depth-first, shared ancestors held back (§10)", () => {
  it.each([
    ["§10.4 diamond iter(d, a)", "a; b1<-a; b2<-a; c<-b1,b2; d<-c", ["d"], "a", ["d", "c", "b1", "b2", "a"]],
    ["§10.5 empty map", "", [], null, []],
    ["§10.10 from a merge point", MULTIPLE_BRANCH, ["d1d2cb2"], "a", ["d1d2cb2", "d1cb2", "d2cb2", "cb2", "b2", "a"]],
    ["§10.10 two heads to base (map order first)", MULTIPLE_BRANCH, ["d3cb2", "cb1"], null, ["cb1", "b1", "d3cb2", "cb2", "b2", "a"]],
    ["§10.11 three heads (upstream 1.19 test)", BRANCH_TRAVELLING, ["merge", "fe1b1"], "a1", ["fe1b1", "e1b1", "merge", "e2b1", "db1", "cb1", "b1", "e2b2", "db2", "cb2", "b2", "a3", "a2", "a1"]],
    ["§10.11 merge to a1", BRANCH_TRAVELLING, ["merge"], "a1", ["merge", "e2b1", "db1", "cb1", "b1", "e2b2", "db2", "cb2", "b2", "a3", "a2", "a1"]],
  ])("%s", (_name, spec, upper, lower, expected) => {
    expect(iterate(mapOf(spec), upper, lower)).toEqual(expected);
  });

  it.each([
    ["§10.9 long and short branch", "a; b1<-a; b2<-a; c1<-b1; d11<-c1; d12<-c1", ["b2", "d11", "d12", "c1", "b1", "a"]],
    [
      // §10.12 and §10.13 in the doc list base1 last (an old test file); Alembic 1.8.1 and upstream 1.19's tests agree with this order
      "§10.12 multiple bases",
      "base1; base2; base3; a1a<-base1; a1b<-base1; a2<-base2; a3<-base3; b1a<-a1a; b1b<-a1b; b2<-a2; b3<-a3; c2<-b2; d2<-c2; mergeb3d2<-b3,d2",
      ["b1a", "a1a", "b1b", "a1b", "base1", "mergeb3d2", "b3", "a3", "base3", "d2", "c2", "b2", "a2", "base2"],
    ],
    [
      "§10.13 cross dependencies",
      "base1 label=b_1; a1a<-base1; a1b<-base1; b1a<-a1a; b1b<-a1b dep=a3; base2 label=b_2; a2<-base2; b2<-a2; c2<-b2 dep=a3; d2<-c2; base3 label=b_3; a3<-base3; b3<-a3",
      ["b1a", "a1a", "b1b", "a1b", "base1", "d2", "c2", "b2", "a2", "base2", "b3", "a3", "base3"],
    ],
    ["§10.14 dependency of a base", "base1; a1<-base1; b1<-a1; c2 dep=a1; c3<-c2", ["b1", "c3", "c2", "a1", "base1"]],
    ["§10.16 normalised deps", "a1; a2<-a1; a3<-a2; b1; b2<-b1 dep=a3; b3<-b2; b4<-b3 dep=a3; b5<-b4 dep=b4", ["b5", "b4", "b3", "b2", "b1", "a3", "a2", "a1"]],
    ["§10.41 three revisions", "a; b<-a; c<-b", ["c", "b", "a"]],
    ["§4.2 branched", FIXTURES.branched, ["d1", "c1", "d2", "c2", "b", "a"]],
  ])("history: %s", (_name, spec, expected) => {
    expect(historyOrder(mapOf(spec))).toEqual(expected);
  });

  it("lists revisions caught in a cycle at the end instead of looping", () => {
    const order = historyOrder(mapOf("a; b<-a,c; c<-b; d<-c"));
    expect([...order].sort()).toEqual(["a", "b", "c", "d"]);
  });
});

describe("markers and lines (§7.4, §7.5)", () => {
  const map = mapOf(`${FIXTURES.merged}; x1 dep=d2`);
  it.each([
    ["e", {}, " (head) (mergepoint)"],
    ["b", {}, " (branchpoint)"],
    ["b", { current: true }, " (current) (branchpoint)"],
    ["a", {}, ""],
  ])("%s %j → %j", (id, opts, expected) => {
    expect(indicators(map, id, opts)).toBe(expected);
  });

  it("marks an effective head", () => {
    expect(indicators(mapOf("a; b dep=a"), "a")).toBe(" (effective head)");
  });

  it.each([
    ["e", "d1, d2 -> e (c1branch, c2branch) (head) (mergepoint), e"],
    ["a", "<base> -> a, a"],
    ["x1", "<base> (d2) -> x1 (head), x1"],
  ])("history line for %s", (id, line) => {
    expect(historyLine(map, id)).toBe(line);
  });
});
