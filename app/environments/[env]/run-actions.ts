"use server";

import { getSession } from "@/lib/server/auth/session";
import { cancelRun, type CancelOutcome } from "@/lib/server/runs/cancel";

/** Cancels a running action (zod-validated, role-checked in lib/server/runs/cancel.ts). */
export async function cancelRunAction(input: { env: string; runId: string }): Promise<CancelOutcome> {
  const user = await getSession();
  return cancelRun({ actor: user ? { name: user.name, role: user.role } : null, input });
}
