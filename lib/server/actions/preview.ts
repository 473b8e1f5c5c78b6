import "server-only";
import { readEnvironmentState } from "../environment-reader";
import { resolveAlembicCommand } from "./alembic-command";
import { loadEnvironmentContext } from "./context";
import { actionRequestSchema, invalidInput } from "./input";
import { buildPreview, executorOf, planAction } from "./plan";
import { previewWarnings } from "./preview-notes";
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
  return { ok: true, data: { ...preview, warnings: previewWarnings(preview, { hasUserTables: state.hasUserTables }) } };
}
