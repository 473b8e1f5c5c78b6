// The built revision graph: Alembic's RevisionMap (script/revision.py). Building never throws;
// everything Alembic would crash or refuse on becomes a Problem and the rest is still built.
import { linkRevisions, mapBranchLabels, takeLastLoaded, type Links } from "./revision-map-build";
import { computeLevels, detectCycles, normalizeDependencies } from "./revision-map-derive";
import { capProblems } from "../problem-caps";
import { propagateBranchLabels } from "./revision-map-labels";
import { kahnSlots } from "./slot-graph";
import { type AncestryOptions, closure, type TraversableGraph } from "./traverse";
import type { Problem, Revision, RevisionMapData, RevisionSource } from "../types";

export type { AncestryOptions };

const NO_IDS: readonly string[] = [];

export class RevisionMap implements RevisionMapData, TraversableGraph {
  readonly revisions: Revision[];
  readonly byId: ReadonlyMap<string, Revision>;
  readonly labels: ReadonlyMap<string, string>;
  readonly heads: string[];
  readonly realHeads: string[];
  readonly bases: string[];
  readonly problems: Problem[];
  /** Every lookup key in Alembic's map order (ids, then labels): the candidates for prefix matches. */
  readonly keys: string[];
  /** Ids declared by more than one file → how many extra files (Alembic's heads prints each). */
  readonly duplicates: ReadonlyMap<string, number>;
  /** Alembic's `heads` tuple as `alembic heads` lists it: `heads`, plus an id again for each earlier file of a duplicate. */
  readonly listedHeads: string[];
  /** By load index, like `levels`. */
  private readonly versionedDown: readonly (readonly string[])[];
  /** Computed on the first levelOf (plans and history order ask; `heads` never does). */
  private levels: readonly number[] | (() => number[]);

  constructor(revisions: Revision[], labels: Map<string, string>, versionedDown: string[][], levels: number[] | (() => number[]), problems: Problem[],
    duplicates: ReadonlyMap<string, number> = new Map(), listedHeads?: string[]) {
    this.revisions = revisions;
    this.duplicates = duplicates;
    const byId = new Map<string, Revision>();
    for (const r of revisions) byId.set(r.revision, r);
    this.byId = byId;
    this.labels = labels;
    this.versionedDown = versionedDown;
    this.problems = problems;
    this.heads = revisions.filter((r) => r.isHead).map((r) => r.revision);
    this.listedHeads = listedHeads ?? this.heads;
    this.realHeads = revisions.filter((r) => r.isRealHead).map((r) => r.revision);
    this.bases = revisions.filter((r) => r.isBase).map((r) => r.revision);
    this.keys = [...this.byId.keys(), ...labels.keys()];
    this.levels = levels;
  }

  get(id: string): Revision | undefined {
    return this.byId.get(id);
  }

  /** True when building found problems that make Alembic fail on every command. */
  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity !== "warning");
  }

  /** Load order (the position of the id in Alembic's ordered revision map). */
  indexOf(id: string): number {
    return this.byId.get(id)?.index ?? Number.MAX_SAFE_INTEGER;
  }

  /** Parents: normdown by default (Alembic's traversal parents), or down_revision that exist. */
  parentsOf(id: string, includeDependencies = true): readonly string[] {
    if (includeDependencies) return this.byId.get(id)?.normalizedDown ?? NO_IDS;
    const revision = this.byId.get(id);
    return revision ? this.versionedDown[revision.index] : NO_IDS;
  }

  /** Children: all_nextrev by default, or nextrev (down_revision links only). */
  childrenOf(id: string, includeDependencies = true): readonly string[] {
    const revision = this.byId.get(id);
    if (!revision) return NO_IDS;
    return includeDependencies ? revision.allNextRevisions : revision.nextRevisions;
  }

  /** Longest normdown path from a root; every proper ancestor has a lower level. */
  levelOf(id: string): number {
    const revision = this.byId.get(id);
    if (typeof this.levels === "function") this.levels = this.levels();
    return revision ? this.levels[revision.index] : Number.MAX_SAFE_INTEGER;
  }

  /** `ids` (known ones) plus all their ancestors. */
  ancestors(ids: Iterable<string>, opts: AncestryOptions = {}): Set<string> {
    const deps = opts.includeDependencies ?? true;
    return closure(this.known(ids), (id) => this.parentsOf(id, deps));
  }

  /** `ids` (known ones) plus all their descendants. */
  descendants(ids: Iterable<string>, opts: AncestryOptions = {}): Set<string> {
    const deps = opts.includeDependencies ?? true;
    return closure(this.known(ids), (id) => this.childrenOf(id, deps));
  }

  private known(ids: Iterable<string>): string[] {
    return [...ids].filter((id) => this.byId.has(id));
  }
}

/** Builds the map from revision files in load order (alembic-semantics §1.6, §2). */
export function buildRevisionMap(sources: RevisionSource[]): RevisionMap {
  const problems: Problem[] = [];
  const { loaded, slot, duplicates } = takeLastLoaded(sources, problems);
  const labels = mapBranchLabels(loaded, slot, problems);
  const links = linkRevisions(loaded, slot, labels, problems);
  const { order, stuck } = kahnSlots(loaded.length, links.down);
  const normalized = normalizeDependencies(order, links);
  const revisions = loaded.map((source, index) => toRevision(source, index, links, normalized[index]));
  problems.push(...detectCycles(revisions, links, stuck.length === 0));
  // Revisions on a cycle come last, in load order, so that every revision is visited once.
  const downOrder = stuck.length === 0 ? order : [...order, ...stuck];
  const propagated = propagateBranchLabels(downOrder, revisions, links);
  for (let i = 0; i < revisions.length; i++) revisions[i].propagatedLabels = propagated[i];
  return new RevisionMap(revisions, labels, links.versionedDown, () => computeLevels(revisions, links, downOrder), capProblems(problems), duplicates,
    duplicates.size > 0 ? headsWithDuplicates(sources, revisions, slot) : undefined);
}

/**
 * Alembic adds every loaded file's Revision to `heads` and discards only the ones its map (the
 * last file of each id) names as parents, so an earlier file of a duplicated id is never
 * discarded: it stays listed, in its own load position, printed as the id's last file.
 */
function headsWithDuplicates(sources: RevisionSource[], revisions: Revision[], slot: Map<string, number>): string[] {
  const last = new Map<string, number>();
  sources.forEach((source, i) => last.set(source.revision, i));
  const listed: string[] = [];
  sources.forEach((source, i) => {
    if (last.get(source.revision) !== i || revisions[slot.get(source.revision)!].isHead) listed.push(source.revision);
  });
  return listed;
}

function toRevision(source: RevisionSource, index: number, links: Links, normalizedDependencies: string[]): Revision {
  const down = links.versionedDown[index];
  const nextRevisions = links.nextRevisions[index];
  const allNextRevisions = links.allNextRevisions[index];
  const written = links.writtenDown[index];
  const isBase = source.downRevisions.length === 0;
  const revision: Revision = {
    revision: source.revision,
    downRevisions: source.downRevisions,
    dependsOn: source.dependsOn,
    branchLabels: source.branchLabels,
    message: source.message,
    longDoc: source.longDoc,
    createDate: source.createDate,
    path: source.path,
    format: source.format,
    index,
    resolvedDependencies: links.resolvedDependencies[index],
    normalizedDependencies,
    normalizedDown: normalizedDependencies.length === 0 ? down : [...new Set([...down, ...normalizedDependencies])],
    nextRevisions,
    allNextRevisions,
    propagatedLabels: [],
    isHead: nextRevisions.length === 0,
    isRealHead: allNextRevisions.length === 0,
    isEffectiveHead: nextRevisions.length === 0 && allNextRevisions.length > 0,
    isBase,
    isRealBase: isBase && source.dependsOn.length === 0,
    isBranchPoint: nextRevisions.length > 1,
    isRealBranchPoint: allNextRevisions.length > 1,
    isMergePoint: written.length > 1,
  };
  if (source.sql) revision.sql = source.sql;
  return revision;
}
