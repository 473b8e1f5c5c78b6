import "server-only";
import { resolveAlembicCommand } from "./alembic-command";
import { loadEnvironmentContext, readRows } from "./context";
import { actionRequestSchema, invalidInput } from "./input";
import { buildPreview, executorOf, planAction } from "./plan";
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
  return { ok: true, data: buildPreview(context, planned.planned, { guard, command }) };
}
