import type { EnvironmentView, ProjectGraphView } from "@/lib/core/view/view-types";

/** What choosing an environment highlights: its rows, everything they imply, and the upgrade path. */
export interface EnvironmentOverlay {
  env: EnvironmentView;
  rows: ReadonlySet<string>;
  /** Rows plus their ancestors through down_revision and depends_on. */
  applied: ReadonlySet<string>;
  /** Revision → 1-based position in `upgrade heads`. */
  pendingOrder: ReadonlyMap<string, number>;
}

export function environmentOverlay(view: ProjectGraphView, env: EnvironmentView): EnvironmentOverlay {
  const byId = new Map(view.revisions.map((r) => [r.revision, r]));
  const applied = new Set<string>();
  const stack = env.rows.filter((row) => byId.has(row));
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (applied.has(id)) continue;
    applied.add(id);
    const r = byId.get(id);
    if (!r) continue;
    for (const p of r.downRevisions) if (!applied.has(p) && byId.has(p)) stack.push(p);
    for (const p of r.dependsOn) if (!applied.has(p) && byId.has(p)) stack.push(p);
  }
  return {
    env,
    rows: new Set(env.rows),
    applied,
    pendingOrder: new Map(env.pending.map((rev, i) => [rev, i + 1])),
  };
}

/** Environments by the revision their version rows point at (a badge per row). */
export function badgesByRevision(environments: readonly EnvironmentView[]): Map<string, EnvironmentView[]> {
  const badges = new Map<string, EnvironmentView[]>();
  for (const env of environments) {
    for (const row of env.rows) badges.set(row, [...(badges.get(row) ?? []), env]);
  }
  return badges;
}

/** Load-time problems by the revisions they name, so nodes can point at what is wrong. */
export function problemsByRevision(view: ProjectGraphView): Map<string, string[]> {
  const byRevision = new Map<string, string[]>();
  for (const problem of view.problems) {
    for (const rev of problem.revisions ?? []) byRevision.set(rev, [...(byRevision.get(rev) ?? []), problem.message]);
  }
  return byRevision;
}
