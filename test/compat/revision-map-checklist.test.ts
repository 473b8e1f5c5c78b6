// Alembic's own revision-map tests (tests/test_revision.py: GraphWithLoopTest, GraphWithCycleTest)
// as a checklist: each graph is built by Alembic's RevisionMap and by Retort's, and Retort must
// report what Alembic raises (the same message) and nothing else, or agree on the heads.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { resolveTargetsResult } from "../../lib/core/plan/resolve";
import { graph, mapOf } from "../../lib/core/graph/test-graph";
import { alembicPython } from "./alembic-side";

const CASES: [string, string][] = [
  // GraphWithLoopTest
  ["solitary loop", "a<-a"],
  ["base loop", "a<-a; b<-a; c<-b"],
  ["head loop", "a; b<-a; c<-b,c"],
  ["branch point loop", "a; b<-a,b; c1<-b; c2<-b"],
  ["merge point loop", "a; b1<-a; b2<-a; c<-b1,b2,c"],
  ["solitary dependency loop", "a dep=a"],
  ["head dependency loop", "a; b<-a; c<-b dep=c"],
  ["branch point dependency loop", "a; b<-a dep=b; c1<-b; c2<-b"],
  ["merge point dependency loop", "a; b1<-a; b2<-a; c<-b1,b2 dep=c"],
  // GraphWithCycleTest
  ["simple cycle", "a<-c; b<-a; c<-b"],
  ["extra simple cycle", "a<-c; b<-a; c<-b; d; e<-d"],
  ["lower simple cycle", "a<-c; b<-a; c<-b; d<-c; e<-d"],
  ["upper simple cycle", "a; b<-a; c<-b; d<-b,e; e<-d"],
  ["simple dependency cycle", "a dep=c; b<-a; c<-b"],
  ["extra simple dependency cycle", "a dep=c; b<-a; c<-b; d; e<-d"],
  ["lower simple dependency cycle", "a dep=c; b<-a; c<-b; d<-c; e<-d"],
  ["upper simple dependency cycle", "a; b<-a; c<-b; d<-b dep=e; e<-d"],
  // LabeledBranchTest's graph, and a label used twice
  ["labelled lines", "a label=abranch; b<-a; somelongername<-b; c<-somelongername; d; e<-d label=ebranch; someothername<-e; f<-someothername"],
  ["a label used twice", "a label=x; b<-a; c<-b label=x"],
  ["a label that is a revision id", "a; b<-a label=a"],
];

const BUILD = `
import json, sys
from alembic.script.revision import Revision, RevisionMap
out = []
for case in json.load(sys.stdin):
    try:
        # Revision() itself raises on a self-loop, as loading that file would.
        revs = [Revision(r, tuple(d) or None, dependencies=tuple(dep) or None, branch_labels=tuple(l) or None) for r, d, dep, l in case]
        m = RevisionMap(lambda: revs)
        out.append({"heads": list(m.heads), "bases": list(m.bases)})
    except Exception as e:
        out.append({"error": type(e).__name__, "message": str(e)})
print(json.dumps(out))
`;

function alembicMaps(): ({ heads: string[]; bases: string[] } | { error: string; message: string })[] {
  const input = CASES.map(([, spec]) => graph(spec).map((s) => [s.revision, s.downRevisions, s.dependsOn, s.branchLabels]));
  const run = spawnSync(alembicPython(), ["-c", BUILD], { input: JSON.stringify(input), encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe("Alembic's revision-map tests, built by both", () => {
  const results = alembicMaps();
  CASES.forEach(([name, spec], i) => {
    it(`${name}: ${spec}`, () => {
      const alembic = results[i];
      const ours = mapOf(spec);
      const errors = ours.problems.filter((p) => p.severity !== "warning").map((p) => p.message);
      if ("error" in alembic) {
        // Alembic finds a reused label while walking a set of Revision objects (hash order), so
        // either revision may be named first; Retort names them in load order.
        const swapped = alembic.message.replace(/^(Branch name '.*' in revision) (\S+) (already used by revision) (\S+)$/, "$1 $4 $3 $2");
        expect(errors.some((message) => message.includes(alembic.message) || message.includes(swapped)), `${alembic.error}: ${alembic.message} not in ${JSON.stringify(errors)}`).toBe(true);
      } else {
        expect(errors).toEqual([]);
        expect({ heads: ours.heads, bases: ours.bases }).toEqual(alembic);
      }
    });
  });

  it("the checklist holds failures and successes", () => {
    expect(results.filter((r) => "error" in r).length).toBeGreaterThan(10);
    expect(results.filter((r) => !("error" in r)).length).toBeGreaterThanOrEqual(1);
  });
});

// LabeledBranchTest: identifiers resolved on its graph by RevisionMap.get_revisions and by Retort.
const LABELLED = CASES.find(([name]) => name === "labelled lines")![1];
const IDENTS = ["heads", "abranch@head", "ebranch@head", "abranch@heads", "abranch@some", "ebranch@some", "some", "abranch@c", "ebranch@c", "abranch@base", "c", "ebranch"];

const RESOLVE = `
import json, sys
from alembic.script.revision import Revision, RevisionMap
case, idents = json.load(sys.stdin)
m = RevisionMap(lambda: [Revision(r, tuple(d) or None, dependencies=tuple(dep) or None, branch_labels=tuple(l) or None) for r, d, dep, l in case])
out = []
for ident in idents:
    try:
        out.append({"ids": sorted(r.revision for r in m.get_revisions(ident) if r is not None)})
    except Exception as e:
        out.append({"error": str(e)})
print(json.dumps(out))
`;

describe("LabeledBranchTest's identifiers resolve as Alembic resolves them", () => {
  const input = [graph(LABELLED).map((s) => [s.revision, s.downRevisions, s.dependsOn, s.branchLabels]), IDENTS];
  const run = spawnSync(alembicPython(), ["-c", RESOLVE], { input: JSON.stringify(input), encoding: "utf8" });
  const results = run.status === 0 ? (JSON.parse(run.stdout) as ({ ids: string[] } | { error: string })[]) : [];
  const map = mapOf(LABELLED);
  IDENTS.forEach((ident, i) => {
    it(ident, () => {
      expect(run.status, run.stderr).toBe(0);
      const ours = resolveTargetsResult(map, ident);
      const alembic = results[i];
      if ("error" in alembic) {
        expect(ours.ok).toBe(false);
        // Retort words the error its own way around Alembic's reason ("Can't locate revision identified by 'c' (revision c is not a member…)").
        const reason = alembic.error.replace(/^Multiple revisions /, "").replace(/\.\.\.$/, "").replace(/^Revision /, "revision ");
        if (!ours.ok) expect(ours.error.message).toContain(reason);
      } else {
        expect(ours.ok ? [...ours.value].sort() : ours).toEqual(alembic.ids);
      }
    });
  });
});
