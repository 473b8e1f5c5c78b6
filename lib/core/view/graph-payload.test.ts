import { describe, expect, it } from "vitest";
import { decodeGraphPayload, encodeGraphPayload } from "./graph-payload";
import type { ProjectGraphView, RevisionNodeView } from "./view-types";

function revision(id: string, fields: Partial<RevisionNodeView> = {}): RevisionNodeView {
  return {
    revision: id,
    message: `message ${id}`,
    downRevisions: [],
    dependsOn: [],
    branchLabels: [],
    path: `versions/${id}.sql`,
    createDate: "2024-01-01 00:00:00",
    isHead: false,
    isRealHead: false,
    isEffectiveHead: false,
    isBase: false,
    isBranchPoint: false,
    isMergePoint: false,
    ...fields,
  };
}

const withoutDate = ({ createDate: _date, ...rest }: RevisionNodeView) => rest;

const views: Array<{ name: string; view: ProjectGraphView }> = [
  { name: "empty", view: { project: "p", format: null, revisions: [], heads: [], realHeads: [], bases: [], problems: [] } },
  {
    name: "merge with depends_on, labels and every flag",
    view: {
      project: "shop",
      format: "sql",
      revisions: [
        revision("m", { downRevisions: ["a", "b"], isHead: true, isRealHead: true, isMergePoint: true, branchLabels: ["x", "y"] }),
        revision("b", { downRevisions: ["r"], dependsOn: ["a"] }),
        revision("a", { downRevisions: ["r"], isEffectiveHead: true }),
        revision("r", { isBase: true, isBranchPoint: true, message: "" }),
      ],
      heads: ["m"],
      realHeads: ["m"],
      bases: ["r"],
      problems: [],
    },
  },
  {
    name: "a parent missing from the directory, named by a problem",
    view: {
      project: "broken",
      format: "alembic",
      revisions: [revision("c", { downRevisions: ["gone"], isHead: true, isBase: false })],
      heads: ["c"],
      realHeads: ["c"],
      bases: [],
      problems: [{ kind: "missing-down-revision", message: "c names gone", revisions: ["c"] } as ProjectGraphView["problems"][number]],
    },
  },
];

describe("graph payload", () => {
  it.each(views)("decodes to the view it encodes, less create dates: $name", ({ view }) => {
    const decoded = decodeGraphPayload(encodeGraphPayload(view));
    expect(decoded).toEqual({ ...view, revisions: view.revisions.map(withoutDate) });
  });

  it("survives JSON, as React serializes it to the client", () => {
    const view = views[1]!.view;
    const payload = JSON.parse(JSON.stringify(encodeGraphPayload(view)));
    expect(decodeGraphPayload(payload).revisions.map((r) => r.downRevisions)).toEqual([["a", "b"], ["r"], ["r"], []]);
  });

  it("sends each revision id once, plus ids named but missing", () => {
    const payload = encodeGraphPayload(views[2]!.view);
    expect(payload.ids).toEqual(["c", "gone"]);
    expect(payload.messages).toHaveLength(1);
  });
});
