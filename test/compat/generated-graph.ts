import type { GraphNode } from "./generate-graph";
/** The revision graph of a generated project, as data, with the ancestry questions tests ask. */
export interface GeneratedRevision extends GraphNode {
  /** File name inside the versions directory. */
  fileName: string;
}

/** Ancestry over down and dep edges (the closure of Alembic's normdown), iterative. */
export class GraphFacts {
  readonly byId = new Map<string, GeneratedRevision>();
  /** Children via down_revision or depends_on (Alembic's all_nextrev). */
  private readonly children = new Map<string, string[]>();
  /** Children via down_revision only (Alembic's nextrev). */
  private readonly downChildren = new Map<string, string[]>();
  readonly labelOwner = new Map<string, string>();

  constructor(readonly revisions: readonly GeneratedRevision[]) {
    for (const r of revisions) {
      this.byId.set(r.revision, r);
      this.children.set(r.revision, []);
      this.downChildren.set(r.revision, []);
      for (const label of r.branchLabels) this.labelOwner.set(label, r.revision);
    }
    for (const r of revisions) {
      for (const p of r.downRevisions) {
        this.children.get(p)!.push(r.revision);
        this.downChildren.get(p)!.push(r.revision);
      }
      for (const d of r.dependencyIds) this.children.get(d)!.push(r.revision);
    }
  }

  parents(id: string, withDeps = true): string[] {
    const r = this.byId.get(id)!;
    return withDeps ? [...r.downRevisions, ...r.dependencyIds] : r.downRevisions;
  }

  /** `ids` plus everything below them. */
  ancestors(ids: Iterable<string>, withDeps = true): Set<string> {
    return this.walk(ids, (id) => this.parents(id, withDeps));
  }

  /** `ids` plus everything above them. */
  descendants(ids: Iterable<string>, withDeps = true): Set<string> {
    return this.walk(ids, (id) => (withDeps ? this.children : this.downChildren).get(id) ?? []);
  }

  /** True when no member of `ids` is an ancestor of another (a consistent set of version rows). */
  isAntichain(ids: readonly string[]): boolean {
    return ids.every((id, i) => {
      const below = this.ancestors(this.parents(id));
      return ids.every((other, j) => j === i || (other !== id && !below.has(other)));
    });
  }

  /** Versioned heads (no down-edge child), in creation order. */
  heads(): string[] {
    return this.revisions.filter((r) => this.downChildren.get(r.revision)!.length === 0).map((r) => r.revision);
  }

  downChildrenOf(id: string): string[] {
    return this.downChildren.get(id) ?? [];
  }

  private walk(start: Iterable<string>, next: (id: string) => readonly string[]): Set<string> {
    const seen = new Set<string>();
    const stack = [...start];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id) || !this.byId.has(id)) continue;
      seen.add(id);
      for (const n of next(id)) if (!seen.has(n)) stack.push(n);
    }
    return seen;
  }
}
