import { describe, expect, it } from "vitest";
import { currentRevisions, findOverlaps, isUpToDate, pendingForHeads, unknownRows } from "./current";
import { FIXTURES, mapOf } from "../graph/test-graph";

describe("current: rows plus implied dependencies (§7.4, §10.42)", () => {
  const map = mapOf(FIXTURES.deps);
  it.each([
    [[], []],
    [["a3"], ["a3"]],
    [["a1", "b1"], ["a1", "b1"]],
    [["b2"], ["a2", "b2"]],
    [["b3"], ["a2", "b3"]],
    [["zzz", "b3"], ["a2", "b3"]],
  ])("rows %j → %j", (rows, expected) => {
    expect(currentRevisions(map, rows)).toEqual(expected);
  });

  it("shows overlapping rows once", () => {
    expect(currentRevisions(mapOf(FIXTURES.branched), ["c1", "d1"])).toEqual(["d1"]);
  });

  it("shows a dependency implied by an effective head's dependent", () => {
    expect(currentRevisions(mapOf(`${FIXTURES.deps}; x1 dep=a3`), ["b3", "x1"])).toEqual(["a3", "b3", "x1"]);
  });
});

describe("up to date means set(rows) == set(real heads) (Appendix A, §10.42)", () => {
  const map = mapOf(FIXTURES.deps);
  it.each([
    [["a3", "b3"], true],
    [["b3", "a3", "b3"], true],
    [["a2"], false],
    [["a3"], false],
    [["b3"], false],
    [["a2", "b3"], false],
    [["a3", "b2"], false],
    [[], false],
  ])("rows %j → %s", (rows, expected) => {
    expect(isUpToDate(map, rows)).toBe(expected);
  });

  it("counts an effective head's dependent, not the effective head", () => {
    expect(isUpToDate(mapOf(`${FIXTURES.deps}; x1 dep=a3`), ["b3", "x1"])).toBe(true);
  });
});

describe("overlaps, unknown rows, pending upgrades", () => {
  const branched = mapOf(FIXTURES.branched);
  it.each([
    [["c1", "d1"], [{ descendant: "d1", ancestor: "c1" }]],
    [["a", "d1", "d2"], [{ descendant: "d1", ancestor: "a" }, { descendant: "d2", ancestor: "a" }]],
    [["d1", "d2"], []],
    [["zz", "d1"], []],
  ])("overlaps in %j", (rows, expected) => {
    expect(findOverlaps(branched, rows)).toEqual(expected);
  });

  it("finds a dependency overlap too (normdown, as upgrade checks)", () => {
    expect(findOverlaps(mapOf(FIXTURES.deps), ["a2", "b2"])).toEqual([{ descendant: "b2", ancestor: "a2" }]);
  });

  it("lists unknown rows once, in row order", () => {
    expect(unknownRows(branched, ["x9", "d1", "x1", "x9"])).toEqual(["x9", "x1"]);
  });

  it.each([
    [[], ["a", "b", "c2", "d2", "c1", "d1"]],
    [["c1"], ["c2", "d2", "d1"]],
    [["d1", "d2"], []],
    [["zz"], []],
    [["c1", "d1"], []],
  ])("pending for heads from %j", (rows, expected) => {
    expect(pendingForHeads(branched, rows)).toEqual(expected);
  });
});
