// The graph view as the project page sends it to the browser. An object per revision costs
// ~320 bytes of JSON, mostly repeated keys; parallel arrays indexed by position cost ~60.
import type { MigrationFormat, Problem } from "../types";
import type { ProjectGraphView, RevisionNodeView } from "./view-types";

const FLAGS = ["isHead", "isRealHead", "isEffectiveHead", "isBase", "isBranchPoint", "isMergePoint"] as const;

export interface GraphPayload {
  project: string;
  format: MigrationFormat | null;
  /** Revision ids in history order, then ids that revisions name but the directory lacks. */
  ids: string[];
  /** One per revision (the first `messages.length` ids); every array below is indexed alike. */
  messages: string[];
  paths: string[];
  /** Bit i set when FLAGS[i] holds. */
  flags: number[];
  /** Down revisions as indices into `ids`. */
  down: number[][];
  /** Sparse: revision index and the indices of its resolved depends_on. */
  dependsOn: Array<[number, number[]]>;
  /** Sparse: revision index and the branch labels it declares. */
  labels: Array<[number, string[]]>;
  heads: number[];
  realHeads: number[];
  bases: number[];
  problems: Problem[];
}

export function encodeGraphPayload(view: ProjectGraphView): GraphPayload {
  const ids = view.revisions.map((r) => r.revision);
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.has(id) || index.set(id, i));
  const indexOf = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.push(id) - 1;
      index.set(id, i);
    }
    return i;
  };
  const payload: GraphPayload = {
    project: view.project,
    format: view.format,
    ids,
    messages: [],
    paths: [],
    flags: [],
    down: [],
    dependsOn: [],
    labels: [],
    heads: [],
    realHeads: [],
    bases: [],
    problems: view.problems,
  };
  view.revisions.forEach((r, i) => {
    payload.messages.push(r.message);
    payload.paths.push(r.path);
    payload.flags.push(FLAGS.reduce((bits, flag, bit) => (r[flag] ? bits | (1 << bit) : bits), 0));
    payload.down.push(r.downRevisions.map(indexOf));
    if (r.dependsOn.length > 0) payload.dependsOn.push([i, r.dependsOn.map(indexOf)]);
    if (r.branchLabels.length > 0) payload.labels.push([i, r.branchLabels]);
  });
  payload.heads = view.heads.map(indexOf);
  payload.realHeads = view.realHeads.map(indexOf);
  payload.bases = view.bases.map(indexOf);
  return payload;
}

/** The view back, without `createDate`, which the graph never shows. */
export function decodeGraphPayload(payload: GraphPayload): ProjectGraphView {
  const { ids } = payload;
  const dependsOn = new Map(payload.dependsOn);
  const labels = new Map(payload.labels);
  const revisions = payload.messages.map((message, i): RevisionNodeView => {
    const bits = payload.flags[i]!;
    return {
      revision: ids[i]!,
      message,
      path: payload.paths[i]!,
      downRevisions: payload.down[i]!.map((p) => ids[p]!),
      dependsOn: (dependsOn.get(i) ?? []).map((p) => ids[p]!),
      branchLabels: labels.get(i) ?? [],
      isHead: (bits & 1) !== 0,
      isRealHead: (bits & 2) !== 0,
      isEffectiveHead: (bits & 4) !== 0,
      isBase: (bits & 8) !== 0,
      isBranchPoint: (bits & 16) !== 0,
      isMergePoint: (bits & 32) !== 0,
    };
  });
  const id = (i: number) => ids[i]!;
  return {
    project: payload.project,
    format: payload.format,
    revisions,
    heads: payload.heads.map(id),
    realHeads: payload.realHeads.map(id),
    bases: payload.bases.map(id),
    problems: payload.problems,
  };
}
