// `alembic history` order and markers (alembic-semantics §7.5).
import type { RevisionMap } from "./revision-map";
import { topoSortDescending } from "./traverse";

/**
 * Every revision from the real heads down to base in the §2.5 order (children before parents).
 * Revisions a broken map leaves unreachable (cycles) follow at the end, in load order.
 */
export function historyOrder(map: RevisionMap): string[] {
  const all = new Set(map.revisions.map((r) => r.revision));
  const order = topoSortDescending(map, all, map.realHeads);
  if (order.length < all.size) {
    const placed = new Set(order);
    for (const r of map.revisions) if (!placed.has(r.revision)) order.push(r.revision);
  }
  return order;
}

/**
 * The markers Alembic prints after an id in `history` and `current`: ` (head)` (a real head),
 * ` (effective head)`, ` (current)` when asked, ` (branchpoint)`, ` (mergepoint)`.
 */
export function indicators(map: RevisionMap, id: string, opts: { current?: boolean } = {}): string {
  const revision = map.get(id);
  if (!revision) return "";
  let text = "";
  if (revision.isRealHead) text += " (head)";
  if (revision.isEffectiveHead) text += " (effective head)";
  if (opts.current) text += " (current)";
  if (revision.isBranchPoint) text += " (branchpoint)";
  if (revision.isMergePoint) text += " (mergepoint)";
  return text;
}

/** One `alembic history` line: `<parents> [(<deps>)] -> <id>[ (<labels>)]<markers>, <doc>`. */
export function historyLine(map: RevisionMap, id: string, opts: { current?: boolean } = {}): string {
  const revision = map.get(id);
  if (!revision) return id;
  const parents = revision.downRevisions.length > 0 ? revision.downRevisions.join(", ") : "<base>";
  const deps = revision.dependsOn.length > 0 ? ` (${revision.dependsOn.join(", ")})` : "";
  const labels = revision.propagatedLabels.length > 0 ? ` (${revision.propagatedLabels.join(", ")})` : "";
  return `${parents}${deps} -> ${id}${labels}${indicators(map, id, opts)}, ${revision.message}`;
}
