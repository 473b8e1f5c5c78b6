"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { closeRequest, retryRequest } from "@/lib/server/actions/approval-recovery";
import type { ActionResult, ApprovalView } from "@/lib/server/actions/views";
import { getSession } from "@/lib/server/auth/session";

// Retry or close an approval whose run was interrupted. Thin, like the environment page's
// actions: the role and the request's state are checked again in lib/server/actions.

export type RecoveryState = ActionResult<ApprovalView> | null;

const recoveryForm = z.object({ id: z.string().min(3).max(100), reason: z.string().max(500).optional() });

async function recover(formData: FormData, run: typeof retryRequest | typeof closeRequest): Promise<RecoveryState> {
  const form = recoveryForm.safeParse({ id: formData.get("id"), reason: formData.get("reason") ?? undefined });
  if (!form.success) return { ok: false, code: "invalid:input", message: "The form was incomplete or malformed; reload the page and try again." };
  const user = await getSession();
  const result = await run({ actor: user ? { name: user.name, role: user.role } : null, id: form.data.id, reason: form.data.reason });
  revalidatePath("/approvals");
  return result;
}

export async function retryApprovalAction(_previous: RecoveryState, formData: FormData): Promise<RecoveryState> {
  return recover(formData, retryRequest);
}

export async function closeApprovalAction(_previous: RecoveryState, formData: FormData): Promise<RecoveryState> {
  return recover(formData, closeRequest);
}
