import { describe, expect, it } from "vitest";
import { foldIdFor } from "./fold";
import { layoutRevisionGraph, type GraphLayout } from "./layout";
import type { ProjectGraphView, RevisionNodeView } from "./view-types";

/**
 * Builds a view from `id: parents` lines written top-down (children first), the way
 * Alembic's history lists them. `deps` adds depends_on edges.
 */
function graph(spec: Record<string, string[]>, deps: Record<string, string[]> = {}): ProjectGraphView {
  const ids = Object.keys(spec);
  const children = new Map<string, number>();
  const dependents = new Set(Object.values(deps).flat());
  for (const id of ids) for (const p of spec[id]) children.set(p, (children.get(p) ?? 0) + 1);
  const revisions: RevisionNodeView[] = ids.map((id) => ({
    revision: id,
    message: `message ${id}`,
    downRevisions: spec[id],
    dependsOn: deps[id] ?? [],
    branchLabels: [],
    path: `versions/${id}.sql`,
    createDate: null,
    isHead: !children.has(id),
    isRealHead: !children.has(id) && !dependents.has(id),
    isEffectiveHead: !children.has(id) && dependents.has(id),
    isBase: spec[id].length === 0,
    isBranchPoint: (children.get(id) ?? 0) > 1,
    isMergePoint: spec[id].length > 1,
  }));
  const heads = revisions.filter((r) => r.isHead).map((r) => r.revision);
  return {
    project: "test",
    format: "sql",
    revisions,
    heads,
    realHeads: revisions.filter((r) => r.isRealHead).map((r) => r.revision),
    bases: revisions.filter((r) => r.isBase).map((r) => r.revision),
    problems: [],
  };
}

function chain(n: number, prefix = "r"): Record<string, string[]> {
  const spec: Record<string, string[]> = {};
  for (let i = n - 1; i >= 0; i--) spec[`${prefix}${i}`] = i === 0 ? [] : [`${prefix}${i - 1}`];
  return spec;
}

const none = new Set<string>();
const layout = (view: ProjectGraphView, keep = none, expanded = none, minFoldLength?: number) =>
  layoutRevisionGraph(view, { expandedFolds: expanded, keepVisible: keep, minFoldLength });

function expectInvariants(view: ProjectGraphView, result: GraphLayout) {
  const shown = result.nodes.flatMap((n) => (n.kind === "fold" ? n.foldedRevisions! : [n.revision!]));
  expect([...shown].sort()).toEqual(view.revisions.map((r) => r.revision).sort());

  const rowOf = new Map(result.nodes.map((n) => [n.id, n.row]));
  for (const r of view.revisions) {
    for (const p of [...r.downRevisions, ...r.dependsOn]) {
      const child = result.nodeOf.get(r.revision)!;
      const parent = result.nodeOf.get(p);
      if (parent !== undefined && child !== parent) expect(rowOf.get(child)!, `${r.revision} above ${p}`).toBeLessThan(rowOf.get(parent)!);
    }
  }
  const cells = new Set(result.nodes.map((n) => `${n.lane},${n.row}`));
  expect(cells.size).toBe(result.nodes.length);
  expect(new Set(result.nodes.map((n) => n.row)).size).toBe(result.rows);
  for (const n of result.nodes) expect(n.lane).toBeLessThan(result.lanes);
  for (const e of result.edges) {
    expect(rowOf.has(e.source) && rowOf.has(e.target)).toBe(true);
  }
}

const shapes: Array<{ name: string; view: ProjectGraphView; lanes: number }> = [
  { name: "single revision", view: graph({ a: [] }), lanes: 1 },
  { name: "linear chain", view: graph(chain(3)), lanes: 1 },
  { name: "diamond", view: graph({ m: ["b", "c"], b: ["a"], c: ["a"], a: [] }), lanes: 2 },
  { name: "two divergent heads", view: graph({ h1: ["b"], h2: ["b"], b: ["a"], a: [] }), lanes: 2 },
  { name: "forest of two bases", view: graph({ x2: ["x1"], x1: [], y2: ["y1"], y1: [] }), lanes: 1 },
  {
    name: "criss-cross merges",
    view: graph({ d: ["b", "c"], e: ["b", "c"], b: ["a"], c: ["a"], a: [] }),
    lanes: 3,
  },
  {
    name: "deep nested branches",
    view: graph({
      h1: ["p2"], h2: ["p2"], p2: ["p1"], h3: ["q1"], q1: ["p1"], p1: ["root"], h4: ["root"], root: [],
    }),
    lanes: 2,
  },
  {
    name: "side branches one after another reuse a lane",
    view: graph({ top: ["m2"], m2: ["mid", "s2"], s2: ["mid"], mid: ["m1"], m1: ["base", "s1"], s1: ["base"], base: [] }),
    lanes: 2,
  },
  {
    name: "effective head through depends_on",
    view: graph({ q2: ["q1"], q1: [], t2: ["t1"], t1: [] }, { q2: ["t2"] }),
    lanes: 1,
  },
];

describe("layoutRevisionGraph", () => {
  for (const { name, view, lanes } of shapes) {
    it(`lays out ${name} with every revision once, children above parents, ${lanes} lane(s)`, () => {
      const result = layout(view);
      expectInvariants(view, result);
      expect(result.lanes).toBe(lanes);
    });
  }

  it("puts heads on the top rows of a history-ordered view", () => {
    const result = layout(graph({ h1: ["b"], h2: ["b"], b: ["a"], a: [] }));
    expect(result.nodes.slice(0, 2).map((n) => n.id)).toEqual(["h1", "h2"]);
  });

  it("repairs an input order that lists parents before children", () => {
    const view = graph({ m: ["b", "c"], b: ["a"], c: ["a"], a: [] });
    view.revisions.reverse();
    expectInvariants(view, layout(view));
  });

  it("still places every revision of a cycle exactly once", () => {
    const view = graph({ a: ["c"], b: ["a"], c: ["b"], z: [] });
    const result = layout(view);
    expect(result.nodes.map((n) => n.id).sort()).toEqual(["a", "b", "c", "z"]);
    expect(new Set(result.nodes.map((n) => `${n.lane},${n.row}`)).size).toBe(4);
  });

  it("draws depends_on edges as their own kind", () => {
    const result = layout(graph({ q2: ["q1"], q1: [], t1: [] }, { q2: ["t1"] }));
    expect(result.edges.find((e) => e.kind === "depends")).toMatchObject({ source: "q2", target: "t1" });
  });

  it("ignores a parent missing from the directory", () => {
    const view = graph({ b: ["gone"], a: [] });
    const result = layout(view);
    expectInvariants(view, result);
    expect(result.edges).toEqual([]);
  });
});

describe("folding", () => {
  it("folds a long linear run between head and base into one node", () => {
    const view = graph(chain(10));
    const result = layout(view);
    expectInvariants(view, result);
    expect(result.nodes.map((n) => n.kind)).toEqual(["revision", "fold", "revision"]);
    expect(result.nodes[1].foldedRevisions).toHaveLength(8);
    expect(result.nodeOf.get("r5")).toBe(foldIdFor("r8"));
  });

  it("leaves runs shorter than minFoldLength unfolded", () => {
    const result = layout(graph(chain(5)), none, none, 4);
    expect(result.nodes.every((n) => n.kind === "revision")).toBe(true);
  });

  it("splits a run around a revision kept visible", () => {
    const view = graph(chain(12));
    const result = layout(view, new Set(["r6"]));
    expectInvariants(view, result);
    expect(result.nodes.map((n) => n.kind)).toEqual(["revision", "fold", "revision", "fold", "revision"]);
  });

  it("shows every revision of an expanded fold", () => {
    const view = graph(chain(10));
    const result = layout(view, none, new Set([foldIdFor("r8")]));
    expect(result.nodes).toHaveLength(10);
  });

  it("never folds branch points, merge points or revisions with depends_on", () => {
    const spec = { ...chain(6, "a"), ...chain(6, "b") };
    spec.m = ["a5", "b5"];
    spec.b0 = ["a0"];
    const view = graph(spec, { b3: ["a3"] });
    const result = layout(view, none, none, 2);
    expectInvariants(view, result);
    for (const id of ["m", "a0", "b3", "a3"]) expect(result.nodeOf.get(id)).toBe(id);
  });

  it("lays out a 5,000-revision chain folded to three rows", () => {
    const view = graph(chain(5000));
    const result = layout(view);
    expectInvariants(view, result);
    expect(result.rows).toBe(3);
    const expanded = layout(view, none, new Set([result.nodes[1].id]));
    expectInvariants(view, expanded);
    expect(expanded.rows).toBe(5000);
    expect(expanded.lanes).toBe(1);
  });

  it("lays out 5,000 revisions with many branches and merges", () => {
    const spec: Record<string, string[]> = {};
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) ids.push(`n${i}`);
    for (let i = 4999; i >= 0; i--) {
      const parents = i === 0 ? [] : [`n${i - 1}`];
      if (i % 7 === 0 && i > 20) parents.push(`n${i - 13}`);
      spec[ids[i]] = parents;
    }
    const view = graph(spec);
    expectInvariants(view, layout(view));
  });
});
