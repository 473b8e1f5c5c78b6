import { describe, expect, it } from "vitest";
import { planUpgrade } from "../plan/plan-upgrade";
import { buildRevisionMap } from "./revision-map";
import { chainSpec, FIXTURES, graph, mapOf } from "./test-graph";

describe("heads, real heads and bases (§2.2)", () => {
  it.each([
    ["a; b<-a; c<-b", ["c"], ["c"], ["a"]],
    ["a; b<-a; c<-b; d<-c", ["d"], ["d"], ["a"]],
    ["a; b<-a; c1<-b; c2<-b", ["c1", "c2"], ["c1", "c2"], ["a"]],
    // §10.1: adding d1(c1) moves c1's place to the end, in load order
    ["a; b<-a; c1<-b; c2<-b; d1<-c1", ["c2", "d1"], ["c2", "d1"], ["a"]],
    // §10.57: q4 depends on t3, so t3 is an effective head
    [
      "q1; q2<-q1; q3<-q2; q4<-q3 dep=t3; q5<-q4; a1; a2<-a1; a3<-a2; a4<-a3; t1; t2<-t1; t3<-t2",
      ["q5", "a4", "t3"],
      ["q5", "a4"],
      ["q1", "a1", "t1"],
    ],
    // §10.13 MultipleBaseCrossDependencyTestOne
    [
      "base1 label=b_1; a1a<-base1; a1b<-base1; b1a<-a1a; b1b<-a1b dep=a3; base2 label=b_2; a2<-base2; b2<-a2; c2<-b2 dep=a3; d2<-c2; base3 label=b_3; a3<-base3; b3<-a3",
      ["b1a", "b1b", "d2", "b3"],
      ["b1a", "b1b", "d2", "b3"],
      ["base1", "base2", "base3"],
    ],
    ["", [], [], []],
  ])("%s", (spec, heads, realHeads, bases) => {
    const map = mapOf(spec);
    expect(map.heads).toEqual(heads);
    expect(map.realHeads).toEqual(realHeads);
    expect(map.bases).toEqual(bases);
    expect(map.problems).toEqual([]);
  });

  it("marks effective heads, real bases, branch points and merge points", () => {
    const map = mapOf("x1 dep=a3; a1; a2<-a1; a3<-a2; b1; b2<-b1 dep=a1; m<-a3,b2");
    const flags = (id: string) => {
      const r = map.get(id)!;
      return [r.isHead, r.isRealHead, r.isEffectiveHead, r.isBase, r.isRealBase, r.isBranchPoint, r.isRealBranchPoint, r.isMergePoint];
    };
    expect(flags("x1")).toEqual([true, true, false, true, false, false, false, false]);
    expect(flags("a3")).toEqual([false, false, false, false, false, false, true, false]);
    expect(flags("a1")).toEqual([false, false, false, true, true, false, true, false]);
    expect(flags("m")).toEqual([true, true, false, false, false, false, false, true]);
    expect(mapOf("a; b dep=a").get("a")!.isEffectiveHead).toBe(true);
  });
});

describe("normalised dependencies (§2.3)", () => {
  it.each([
    // b4 depends on a3 like its ancestor b2 did: the dependency is already implied
    ["a1; a2<-a1; a3<-a2; b1; b2<-b1 dep=a3; b3<-b2; b4<-b3 dep=a3; b5<-b4 dep=b4", "b4", ["a3"], ["b3"]],
    ["a1; a2<-a1; a3<-a2; b1; b2<-b1 dep=a3; b3<-b2; b4<-b3 dep=a3; b5<-b4 dep=b4", "b2", ["a3"], ["b1", "a3"]],
    ["a1; a2<-a1; a3<-a2; b1; b2<-b1 dep=a3; b3<-b2; b4<-b3 dep=a3; b5<-b4 dep=b4", "b5", ["b4"], ["b4"]],
    // a dependency on the revision's own parent collapses into down_revision (§10.35)
    ["a1; a2<-a1 dep=a1", "a2", ["a1"], ["a1"]],
    // a label in depends_on means the revision that declares it (§1.3, §10.38)
    ["a1; b1<-a1 label=c1lib; c1<-b1; a2; c2<-a2 dep=c1lib", "c2", ["b1"], ["a2", "b1"]],
  ])("%s: %s", (spec, id, resolved, normalizedDown) => {
    const revision = mapOf(spec).get(id)!;
    expect(revision.resolvedDependencies).toEqual(resolved);
    expect(revision.normalizedDown).toEqual(normalizedDown);
  });
});

describe("branch labels spread (§2.4)", () => {
  it.each([
    ["label spreads up and down a plain line", "a; b<-a label=L; c<-b", { a: ["L"], b: ["L"], c: ["L"] }],
    ["label stops at the branch point below it", "a; b<-a; c1<-b label=L; d1<-c1; c2<-b", { a: [], b: [], c1: ["L"], d1: ["L"], c2: [] }],
    ["label on a branch point does not walk down", "a; b<-a label=L; c1<-b; c2<-b", { a: [], b: ["L"], c1: ["L"], c2: ["L"] }],
    ["a merge collects both parents' labels", FIXTURES.merged, { a: [], b: [], d1: ["c1branch"], e: ["c1branch", "c2branch"] }],
    ["labels never cross dependency edges", "a label=A; b; c<-b dep=a", { a: ["A"], b: [], c: [] }],
    ["a dependent makes a real branch point that stops the walk", "x; a<-x; b<-a label=L; c dep=a", { x: [], a: [], b: ["L"] }],
    [
      "§10.7 labelled lines",
      "a label=abranch; b<-a; somelongername<-b; c<-somelongername; d; e<-d label=ebranch; someothername<-e; f<-someothername",
      { a: ["abranch"], c: ["abranch"], d: ["ebranch"], f: ["ebranch"] },
    ],
  ])("%s", (_name, spec, expected) => {
    const map = mapOf(spec);
    for (const [id, labels] of Object.entries(expected)) expect([id, map.get(id)!.propagatedLabels]).toEqual([id, labels]);
  });
});

describe("load-time problems (§1.6) become data and the rest is still built", () => {
  it.each([
    ["self-loop", "a<-a; b<-a", "Self-loop is detected in revisions (a)"],
    ["dependency-self-loop", "a dep=a; b<-a", "Dependency self-loop is detected in revisions (a)"],
    ["cycle", "a<-c; b<-a; c<-b", "Cycle is detected in revisions (a, b, c)"],
    ["dependency-cycle", "a dep=c; b<-a; c<-b", "Dependency cycle is detected in revisions (a, b, c)"],
    ["cycle", "r; s<-r; x<-s,z; y<-x; z<-y; t<-s", "Cycle is detected in revisions (x, y, z)"],
    ["cycle", "a; b<-a,c; c<-b; d<-c", "Cycle is detected in revisions (b, c) (Alembic does not detect this loop and fails later)"],
    ["duplicate-label", "a label=xy1; b<-a; c<-b label=xy1", "Branch name 'xy1' in revision c already used by revision a"],
    ["duplicate-label", "a; b<-a label=a", "Branch name 'a' in revision b already used by revision a"],
    ["missing-parent", "a; b<-zz; c<-b", "Revision zz referenced from b is not present"],
    ["unknown-dependency", "a1234; b dep=a12", "Revision b depends on 'a12', which is neither a revision id nor a branch label"],
  ])("%s: %s", (kind, spec, message) => {
    const map = mapOf(spec);
    expect(map.problems).toHaveLength(1);
    expect(map.problems[0].kind).toBe(kind);
    expect(map.problems[0].message).toContain(message);
    expect(map.problems[0].path).toMatch(/^versions\//);
    expect(map.revisions.length).toBe(graph(spec).length);
  });

  it("accepts ids that are prefixes of each other (user, user_foo)", () => {
    expect(mapOf("user; user_foo<-user").problems).toEqual([]);
  });

  it("keeps the later file of a duplicate id for lookups and reports both paths", () => {
    const map = mapOf("a; b<-a path=v/one.py; c<-a; b<-c path=v/two.py");
    expect(map.get("b")!.downRevisions).toEqual(["c"]);
    expect(map.revisions.map((r) => r.revision)).toEqual(["a", "b", "c"]);
    expect(map.problems.map((p) => [p.kind, p.path])).toEqual([["duplicate-revision", "v/two.py"]]);
    expect(map.problems[0].message).toContain("v/one.py, v/two.py");
  });

  it.each([
    // Alembic's heads tuple keeps each earlier file of a duplicated id (test/compat/duplicate-revisions.test.ts)
    ["a; b<-a path=v/b1.py; c<-a; b<-c path=v/b2.py; e<-b", ["e"], ["b", "e"]],
    ["a; b<-a path=v/b1.py; b path=v/b2.py", ["a", "b"], ["a", "b", "b"]],
    ["a; b<-a; c<-b", ["c"], ["c"]],
  ])("lists heads as alembic heads does: %s", (spec, heads, listed) => {
    const map = mapOf(spec);
    expect(map.heads).toEqual(heads);
    expect(map.listedHeads).toEqual(listed);
  });

  it("drops the edge to a missing parent but keeps the revision and its children", () => {
    const map = mapOf("a; b<-zz; c<-b");
    expect(map.heads).toEqual(["a", "c"]);
    expect(map.get("b")!.normalizedDown).toEqual([]);
    expect(map.problems[0].revisions).toEqual(["b"]);
  });

  it("suggests the full id when depends_on names a partial id", () => {
    expect(mapOf("a1234; b dep=a12").problems[0].message).toContain("did you mean 'a1234'?");
  });
});

describe("ancestors and descendants", () => {
  const map = mapOf(FIXTURES.deps);
  it.each([
    ["ancestors with deps (normdown)", () => [...map.ancestors(["b2"])].sort(), ["a1", "a2", "b1", "b2"]],
    ["ancestors without deps", () => [...map.ancestors(["b2"], { includeDependencies: false })].sort(), ["b1", "b2"]],
    ["descendants with deps (all_nextrev)", () => [...map.descendants(["a2"])].sort(), ["a2", "a3", "b2", "b3"]],
    ["descendants without deps", () => [...map.descendants(["a2"], { includeDependencies: false })].sort(), ["a2", "a3"]],
    ["unknown ids are ignored", () => [...map.ancestors(["nope"])], []],
  ])("%s", (_name, run, expected) => {
    expect(run()).toEqual(expected);
  });
});

describe("large graphs", () => {
  // Sanity only (no timing asserts): a 5,000-revision line with side branches merged back in.
  function bigSpec(): string {
    const entries = [chainSpec("m", 5000)];
    for (let i = 100; i < 5000; i += 100) {
      entries.push(`s${i}a<-m${i - 1} label=side${i}; s${i}b<-s${i}a dep=m${i - 50}`);
    }
    entries.push("tip<-m4999,s4900b");
    return entries.join("; ");
  }

  it("builds and plans upgrade heads from empty for 5,000+ revisions", () => {
    const sources = graph(bigSpec());
    const map = buildRevisionMap(sources);
    expect(map.problems).toEqual([]);
    expect(map.realHeads.length).toBe(49);
    const plan = planUpgrade(map, { target: "heads", rows: [] });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.value.steps).toHaveLength(sources.length);
    expect(plan.value.steps[0].revision).toBe("m0");
    expect(plan.value.after).toEqual([...map.realHeads].sort());
    const seen = new Set<string>();
    for (const step of plan.value.steps) {
      for (const parent of map.get(step.revision)!.normalizedDown) expect(seen.has(parent)).toBe(true);
      seen.add(step.revision);
    }
  });
});
