import "server-only";
import { resolveAlembicCommand } from "./alembic-command";
import { dialectFor } from "../db/dialects";
import { loadEnvironmentContext, readRows, type EnvironmentContext } from "./context";
import { actionRequestSchema, invalidInput } from "./input";
import { buildPreview, executorOf, planAction, type PlannedAction } from "./plan";
import { forbidden, guardFor, readonlyRefusal, type Actor } from "./protection";
import type { ActionPreview, ActionResult } from "./views";

// The first half of every action: read the rows as they are, plan, and show the steps, the SQL
// and the rows before and after. Nothing is written.

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
  const rows = await readRows(context);
  if (!rows.ok) return rows;
  const planned = planAction(context, parsed.data, rows.rows);
  if (!planned.ok) return planned;
  let command: string | null = null;
  if (executorOf(context, planned.planned) === "alembic") {
    if (parsed.data.kind === "rehearse") {
      return { ok: false, code: "not-rehearsable", message: "Alembic projects cannot be rehearsed: rehearsal runs native SQL in one rolled-back transaction." };
    }
    const resolved = resolveAlembicCommand(context.project.config);
    if (!resolved.ok) return { ok: false, code: "alembic:unavailable", message: `Alembic cannot run here: ${resolved.reason}` };
    command = `${resolved.command.display} ${parsed.data.kind} ${parsed.data.target}`;
  }
  const preview = buildPreview(context, planned.planned, { guard, command });
  return { ok: true, data: { ...preview, notes: [...preview.notes, ...backendNotes(context, planned.planned, rows.missing === true)] } };
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
