// The built revision graph: Alembic's RevisionMap (script/revision.py). Building never throws;
// everything Alembic would crash or refuse on becomes a Problem and the rest is still built.
import { closure, parentsFirstOrder } from "./traverse";
import type { Problem, Revision, RevisionMapData, RevisionSource } from "./types";
import { detectCycles, linkRevisions, mapBranchLabels, normalizeDependencies, propagateBranchLabels, takeLastLoaded, type Links } from "./revision-map-build";

export interface AncestryOptions {
  /** Default true: follow normdown (ancestors) / all_nextrev (descendants); false: down_revision only. */
  includeDependencies?: boolean;
}

const NO_IDS: readonly string[] = [];

export class RevisionMap implements RevisionMapData {
  readonly revisions: Revision[];
  readonly byId: ReadonlyMap<string, Revision>;
  readonly labels: ReadonlyMap<string, string>;
  readonly heads: string[];
  readonly realHeads: string[];
  readonly bases: string[];
  readonly problems: Problem[];
  /** Every lookup key in Alembic's map order (ids, then labels): the candidates for prefix matches. */
  readonly keys: string[];
  private readonly versionedDown: ReadonlyMap<string, readonly string[]>;
  private readonly levels: ReadonlyMap<string, number>;

  constructor(revisions: Revision[], labels: Map<string, string>, versionedDown: Map<string, string[]>, problems: Problem[]) {
    this.revisions = revisions;
    this.byId = new Map(revisions.map((r) => [r.revision, r]));
    this.labels = labels;
    this.versionedDown = versionedDown;
    this.problems = problems;
    this.heads = revisions.filter((r) => r.isHead).map((r) => r.revision);
    this.realHeads = revisions.filter((r) => r.isRealHead).map((r) => r.revision);
    this.bases = revisions.filter((r) => r.isBase).map((r) => r.revision);
    this.keys = [...this.byId.keys(), ...labels.keys()];
    this.levels = computeLevels(revisions, this.byId);
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
    return this.versionedDown.get(id) ?? NO_IDS;
  }

  /** Children: all_nextrev by default, or nextrev (down_revision links only). */
  childrenOf(id: string, includeDependencies = true): readonly string[] {
    const revision = this.byId.get(id);
    if (!revision) return NO_IDS;
    return includeDependencies ? revision.allNextRevisions : revision.nextRevisions;
  }

  /** Longest normdown path from a root; every proper ancestor has a lower level. */
  levelOf(id: string): number {
    return this.levels.get(id) ?? Number.MAX_SAFE_INTEGER;
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

function computeLevels(revisions: Revision[], byId: ReadonlyMap<string, Revision>): Map<string, number> {
  const order = parentsFirstOrder(revisions.map((r) => r.revision), (id) => byId.get(id)!.normalizedDown);
  const levels = new Map<string, number>();
  for (const id of order) {
    let level = 0;
    for (const p of byId.get(id)!.normalizedDown) {
      // A parent without a level yet is in a cycle: give up pruning below this revision.
      level = Math.max(level, (levels.get(p) ?? Number.MAX_SAFE_INTEGER - 1) + 1);
    }
    levels.set(id, level);
  }
  return levels;
}

/** Builds the map from revision files in load order (alembic-semantics §1.6, §2). */
export function buildRevisionMap(sources: RevisionSource[]): RevisionMap {
  const problems: Problem[] = [];
  const loaded = takeLastLoaded(sources, problems);
  const labels = mapBranchLabels(loaded, problems);
  const links = linkRevisions(loaded, labels, problems);
  const order = parentsFirstOrder(
    loaded.map((s) => s.revision),
    (id) => links.versionedDown.get(id)!,
  );
  const normalized = normalizeDependencies(order, links);
  const revisions = loaded.map((source, index) => toRevision(source, index, links, normalized.get(source.revision)!));
  const byId = new Map(revisions.map((r) => [r.revision, r]));
  problems.push(...detectCycles(revisions, links));
  const propagated = propagateBranchLabels(order, byId, links);
  for (const revision of revisions) revision.propagatedLabels = propagated.get(revision.revision)!;
  return new RevisionMap(revisions, labels, links.versionedDown, problems);
}

function toRevision(source: RevisionSource, index: number, links: Links, normalizedDependencies: string[]): Revision {
  const id = source.revision;
  const down = links.versionedDown.get(id)!;
  const nextRevisions = links.nextRevisions.get(id)!;
  const allNextRevisions = links.allNextRevisions.get(id)!;
  const written = links.writtenDown.get(id)!;
  const isBase = source.downRevisions.length === 0;
  const revision: Revision = {
    revision: id,
    downRevisions: source.downRevisions,
    dependsOn: source.dependsOn,
    branchLabels: source.branchLabels,
    message: source.message,
    longDoc: source.longDoc,
    createDate: source.createDate,
    path: source.path,
    format: source.format,
    index,
    resolvedDependencies: links.resolvedDependencies.get(id)!,
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
