// Folding of long linear runs, so a 5,000-revision history stays readable and cheap to draw.
import type { RevisionNodeView } from "./view-types";

export const DEFAULT_MIN_FOLD_LENGTH = 4;

/** A maximal linear run of revisions, child-most first. */
export interface FoldRun {
  id: string;
  revisions: string[];
}

export function foldIdFor(topRevision: string): string {
  return `fold-${topRevision}`;
}

/**
 * Finds every maximal run of "plain" revisions: one parent, one child, no labels of
 * structure (head, base, branch point, merge point), no depends_on in or out, and not
 * pinned by `keepVisible` (environment rows, search hits). Runs shorter than
 * `minFoldLength` are left out.
 */
export function findFoldRuns(
  revisions: readonly RevisionNodeView[],
  keepVisible: ReadonlySet<string>,
  minFoldLength: number = DEFAULT_MIN_FOLD_LENGTH,
): FoldRun[] {
  const byId = new Map<string, RevisionNodeView>();
  for (const r of revisions) if (!byId.has(r.revision)) byId.set(r.revision, r);

  const childCount = new Map<string, number>();
  const onlyChild = new Map<string, string>();
  const dependedOn = new Set<string>();
  for (const r of byId.values()) {
    for (const parent of new Set(r.downRevisions)) {
      childCount.set(parent, (childCount.get(parent) ?? 0) + 1);
      onlyChild.set(parent, r.revision);
    }
    for (const dep of r.dependsOn) dependedOn.add(dep);
  }

  const foldable = (id: string | undefined): boolean => {
    if (id === undefined) return false;
    const r = byId.get(id);
    if (!r) return false;
    return (
      r.downRevisions.length === 1 &&
      byId.has(r.downRevisions[0]) &&
      childCount.get(id) === 1 &&
      !r.isHead &&
      !r.isBase &&
      !r.isBranchPoint &&
      !r.isMergePoint &&
      r.dependsOn.length === 0 &&
      !dependedOn.has(id) &&
      !keepVisible.has(id)
    );
  };

  const runs: FoldRun[] = [];
  const visited = new Set<string>();
  for (const id of byId.keys()) {
    // Start only at the top of a run: its child is not foldable itself.
    if (visited.has(id) || !foldable(id) || foldable(onlyChild.get(id))) continue;
    const run: string[] = [];
    let cursor: string | undefined = id;
    while (cursor !== undefined && foldable(cursor) && !visited.has(cursor)) {
      visited.add(cursor);
      run.push(cursor);
      cursor = byId.get(cursor)!.downRevisions[0];
    }
    if (run.length >= minFoldLength) runs.push({ id: foldIdFor(run[0]), revisions: run });
  }
  return runs;
}
