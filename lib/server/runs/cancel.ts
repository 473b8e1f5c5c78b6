import "server-only";
import { z } from "zod";
import { can, isRole, type Action, type Role } from "../auth/roles";
import { cancelRunningAction, findRunningAction, listRunningActions, type RunningActionView } from "./registry";

// Cancelling a running action, for the server action and the route alike: input checked with
// zod, the caller's role checked here on the server. Whoever may start an action of that kind
// may stop one; the person who started it always may.

export const cancelInputSchema = z.object({
  env: z.string().min(1).max(64),
  runId: z.uuid({ error: "runId must be a run id (UUID)" }),
});

export type CancelOutcome =
  | { ok: true; data: { runId: string; cancelledBy: string } }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

export async function cancelRun({ actor, input }: { actor: { name: string; role: Role } | null; input: unknown }): Promise<CancelOutcome> {
  if (!actor || !isRole(actor.role)) return { ok: false, code: "unauthorized", message: "Sign in to continue." };
  const parsed = cancelInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid:input", message: "Which run to cancel was not clear.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const run = findRunningAction(parsed.data.runId);
  if (!run || run.environment !== parsed.data.env) return { ok: false, code: "not-found:run", message: "That run is no longer running here; it may have just finished." };
  const action = (["upgrade", "downgrade", "stamp", "rehearse"] as const).find((a) => a === run.action) ?? "stamp";
  if (run.actor !== actor.name && !can(actor.role, action as Action)) {
    return { ok: false, code: `forbidden:cancel`, message: `Your role (${actor.role}) may not cancel another person's ${run.action}.` };
  }
  const result = await cancelRunningAction({ runId: run.runId, by: actor.name });
  if (!result.ok) return result;
  return { ok: true, data: { runId: run.runId, cancelledBy: actor.name } };
}

/** What the environment page shows: the runs of this environment running in this process now. */
export async function runningActionsOf({ env }: { env: string }): Promise<RunningActionView[]> {
  return listRunningActions({ environment: env });
}
