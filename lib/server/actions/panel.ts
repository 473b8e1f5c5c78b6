import "server-only";
import { dialectFor } from "../db/dialects";
import { historyOrder } from "../../core/graph/history";
import { can } from "../auth/roles";
import { getSession } from "../auth/session";
import { getProject } from "../project-cache";
import { resolveAlembicCommand } from "./alembic-command";
import { listApprovals } from "./approvals-store";
import { loadEnvironmentContext, readRows } from "./context";
import { guardFor, unavailableReason, type Actor } from "./protection";
import type { ActionAvailability, ActionPanelView, EnvironmentActionKind, RevisionChoice } from "./views";

// What the environment page's action panel offers this user: only the actions their role and
// the environment's protection allow (none at all for viewers and read-only environments), with
// the reason when one is shown but cannot run.

const KINDS: EnvironmentActionKind[] = ["upgrade", "downgrade", "stamp", "rehearse"];
const MAX_CHOICES = 300;

export async function getActionPanel({ env }: { env: string }): Promise<ActionPanelView | null> {
  const user = await getSession();
  if (!user) return null;
  return actionPanelFor({ actor: { name: user.name, role: user.role }, env });
}

export async function actionPanelFor({ actor, env }: { actor: Actor; env: string }): Promise<ActionPanelView | null> {
  const loaded = await loadEnvironmentContext({ env });
  if (!loaded.ok) return null;
  const { context } = loaded;
  const { map } = context.project;
  const rows = await readRows(context);
  const offered = KINDS.filter((kind) => unavailableReason(actor, context.env.protection, kind) === null);
  const alembic = context.format === "alembic" ? resolveAlembicCommand(context.project.config) : null;
  const dialect = context.env.database ? dialectFor(context.env.database) : null;
  const actions = offered.map((kind): ActionAvailability => {
    const guard = guardFor(context.env.protection, kind);
    if (!rows.ok) return { kind, enabled: false, guard, reason: rows.message };
    if (alembic && kind === "rehearse") return { kind, enabled: false, guard, reason: "Alembic projects cannot be rehearsed (rehearsal runs native SQL)." };
    if (kind === "rehearse" && dialect && !dialect.transactionalDdl) return { kind, enabled: false, guard, reason: `Rehearsal needs DDL that rolls back; ${dialect.label} commits it implicitly.` };
    if (alembic && !alembic.ok && kind !== "stamp") return { kind, enabled: false, guard, reason: `Alembic is not available: ${alembic.reason}` };
    return { kind, enabled: true, guard };
  });
  const pending = context.env.protection === "approval" ? await listApprovals(context.env).catch(() => []) : [];
  const revisions = historyOrder(map).slice(0, MAX_CHOICES).map((id): RevisionChoice => {
    const rev = map.get(id)!;
    return { revision: id, message: rev.message, labels: rev.branchLabels, isHead: rev.isHead };
  });
  return {
    env: context.env.name,
    project: context.env.project,
    protection: context.env.protection,
    format: context.format,
    user: { name: actor.name, role: actor.role },
    actions,
    rows: rows.ok ? rows.rows : [],
    reachable: rows.ok,
    revisions,
    heads: map.heads,
    pendingApprovals: pending.filter((a) => a.status === "pending").length,
  };
}

export interface MergePanelView {
  project: string;
  heads: Array<{ revision: string; message: string }>;
  /** Null when the merge button may be offered. */
  disabledReason: string | null;
  /** False: show nothing at all (the user may not merge). */
  visible: boolean;
}

/** What the project page's merge button needs: the heads, and why it is disabled if it is. */
export async function getMergePanel({ project }: { project: string }): Promise<MergePanelView | null> {
  const user = await getSession();
  const loaded = await getProject({ name: project });
  if (!user || !loaded) return null;
  const heads = loaded.map.heads.map((id) => ({ revision: id, message: loaded.map.get(id)?.message ?? "" }));
  const visible = can(user.role, "merge");
  const disabledReason = !loaded.config.writable
    ? `${project} is not writable (set "writable": true in retort.config.json).`
    : heads.length < 2
      ? "There is a single head: nothing to merge."
      : null;
  return { project, heads, disabledReason, visible };
}
