import type { EnvironmentView, RevisionNodeView } from "@/lib/core/view/view-types";

/**
 * Revisions matching a query, best first: exact id, id prefix, branch label, then words of
 * the message. Ids are matched case-insensitively, as people paste them from logs.
 */
export function searchRevisions(
  revisions: readonly RevisionNodeView[],
  query: string,
  limit = 8,
): RevisionNodeView[] {
  const q = query.trim().toLowerCase();
  if (q === "") return [];
  const ranked: Array<{ rank: number; index: number; revision: RevisionNodeView }> = [];
  revisions.forEach((revision, index) => {
    const rank = rankOf(revision, q);
    if (rank !== null) ranked.push({ rank, index, revision });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.slice(0, limit).map((r) => r.revision);
}

function rankOf(r: RevisionNodeView, q: string): number | null {
  const id = r.revision.toLowerCase();
  if (id === q) return 0;
  if (id.startsWith(q)) return 1;
  const labels = r.branchLabels.map((l) => l.toLowerCase());
  if (labels.includes(q)) return 2;
  if (labels.some((l) => l.startsWith(q))) return 3;
  if (r.message.toLowerCase().includes(q)) return 4;
  return null;
}

/** Environments whose name contains the query (case-insensitive), name-prefix matches first. */
export function searchEnvironments(environments: readonly EnvironmentView[], query: string, limit = 4): EnvironmentView[] {
  const q = query.trim().toLowerCase();
  if (q === "") return [];
  return environments
    .map((env, index) => ({ env, index, at: env.name.toLowerCase().indexOf(q) }))
    .filter((m) => m.at >= 0)
    .sort((a, b) => Number(a.at !== 0) - Number(b.at !== 0) || a.index - b.index)
    .slice(0, limit)
    .map((m) => m.env);
}
