import "server-only";
import { databaseOf } from "../config";
import { dialectFor } from "../db/dialects";
import { readEnvironmentState } from "../environment-reader";
import { resolveAlembicCommand, type AlembicCommand } from "./alembic-command";
import { runAlembicSteps } from "./alembic-steps";
import { loadEnvironmentContext, type EnvironmentContext } from "./context";
import { actionRequestSchema, invalidInput } from "./input";
import { buildPreview, executorOf, planAction, type PlannedAction } from "./plan";
import { previewWarnings } from "./preview-notes";
import { promotionProblems } from "./promotion";
import { forbidden, guardFor, readonlyRefusal, type Actor } from "./protection";
import type { ActionPreview, ActionResult } from "./views";

// The first half of every action: read the rows as they are, plan, and show the steps, the SQL
// and the rows before and after, with what could go wrong. Nothing is written.

export async function previewEnvironmentAction({ actor, env, request }: { actor: Actor | null; env: string; request: unknown }): Promise<ActionResult<ActionPreview>> {
  const parsed = actionRequestSchema.safeParse(request);
  if (!parsed.success) return invalidInput(parsed.error);
  const denied = forbidden(actor, parsed.data.kind);
  if (denied) return denied;
  const loaded = await loadEnvironmentContext({ env });
  if (!loaded.ok) return loaded;
  const { context } = loaded;
  const guard = guardFor(context.env.protection, parsed.data.kind);
  if (guard === "refused") return readonlyRefusal(context.env.name, parsed.data.kind);
  const state = await readEnvironmentState({ env: context.env });
  if (!state.reachable) return { ok: false, code: "unreachable", message: `${context.env.name} cannot be read: ${state.reason}.` };
  const planned = planAction(context, parsed.data, state.rows);
  if (!planned.ok) return planned;
  // Everything the user should know before it runs: the plan's own notes, the backend's, warnings
  // (the promotion order's last: `enforce` says the run will be refused).
  const promotion = await promotionProblems(context, planned.planned);
  const refuses = context.env.promotion === "enforce" && parsed.data.kind !== "rehearse";
  const promotionWarnings = promotion.map((p) => (refuses ? `Refused when confirmed (${context.env.name} enforces its promotion order): ${p}` : p));
  const finish = (preview: Omit<ActionPreview, "warnings">): ActionPreview => {
    const withNotes = { ...preview, notes: [...preview.notes, ...backendNotes(context, planned.planned, state.missing === true)] };
    return { ...withNotes, warnings: [...previewWarnings(withNotes, { hasUserTables: state.hasUserTables }), ...promotionWarnings] };
  };
  if (executorOf(context, planned.planned) !== "alembic") return { ok: true, data: finish(buildPreview(context, planned.planned, { guard, command: null })) };
  const resolved = resolveAlembicCommand(context.project.config);
  if (!resolved.ok) return { ok: false, code: "alembic:unavailable", message: `Alembic cannot run here: ${resolved.reason}` };
  const command = `${resolved.command.display} ${parsed.data.kind === "rehearse" ? "upgrade" : parsed.data.kind} ${parsed.data.target}${parsed.data.kind === "rehearse" ? " (rehearsed, rolled back)" : ""}`;
  const preview = await withOfflineSql(buildPreview(context, planned.planned, { guard, command }), context, resolved.command, state.rows);
  return { ok: true, data: finish(preview) };
}

/** The SQL each planned step runs, as the project's own Alembic renders it offline (--sql). */
async function withOfflineSql<P extends Omit<ActionPreview, "warnings">>(preview: P, context: EnvironmentContext, command: AlembicCommand, rows: string[]): Promise<P> {
  if (preview.steps.length === 0) return preview;
  const url = databaseOf(context.env);
  const offline = await runAlembicSteps({
    command, url: url.sqlalchemyUrl, secrets: url.secrets, versionTable: { table: context.target.table, schema: context.target.schema ?? null },
    mode: "sql", steps: preview.steps.map((s) => ({ revision: s.revision, direction: s.direction })), startRows: rows,
  });
  const notes = [...preview.notes];
  if (offline.error) notes.push(`The SQL preview is not available: ${offline.error.message}`);
  const steps = preview.steps.map((step, i) => {
    const rendered = offline.steps[i];
    if (rendered?.status === "offline-unsupported") notes.push(`${step.revision}: ${rendered.error?.message ?? "cannot be rendered offline"}`);
    return rendered?.sql !== undefined ? { ...step, sql: rendered.sql } : step;
  });
  return { ...preview, steps, sql: offline.error ? null : offline.sql ?? null, notes };
}

/** What the backend means for this run, said before it runs. */
function backendNotes(context: EnvironmentContext, planned: PlannedAction, missing: boolean): string[] {
  const notes: string[] = [];
  const dialect = context.env.database ? dialectFor(context.env.database) : null;
  if (dialect && !dialect.transactionalDdl && planned.kind === "migration" && planned.plan.steps.length > 0) {
    notes.push(`DDL is not transactional here (${dialect.label}): each step commits on its own, and a failed step may leave part of its changes.`);
  }
  if (missing) {
    const creates = planned.request.kind === "upgrade" || planned.request.kind === "stamp";
    notes.push(creates ? `The database file does not exist yet: this ${planned.request.kind} creates it.` : "The database file does not exist yet; only an upgrade or a stamp can create it.");
  }
  return notes;
}
