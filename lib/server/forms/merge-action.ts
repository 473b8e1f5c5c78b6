"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { mergeProjectHeads } from "@/lib/server/actions/merge";
import type { ActionResult, MergeOutcome } from "@/lib/server/actions/views";
import { getSession } from "@/lib/server/auth/session";

export type { MergeOutcome } from "@/lib/server/actions/views";
export type { MergePanelView } from "@/lib/server/actions/panel";
export type MergeState = ActionResult<MergeOutcome> | null;

// Merge the project's heads into a new revision file. The form is parsed here; the role, the
// project's `writable` flag, the message and the label are checked again in mergeProjectHeads.

const mergeForm = z.object({
  message: z.string().max(2_000),
  branchLabel: z.string().max(200).optional(),
});

export async function mergeHeadsAction(project: string, _previous: MergeState, formData: FormData): Promise<MergeState> {
  const form = mergeForm.safeParse({ message: formData.get("message") ?? "", branchLabel: formData.get("branchLabel") || undefined });
  if (!form.success) return { ok: false, code: "invalid:input", message: "The form was incomplete; reload the page and try again." };
  const user = await getSession();
  const result = await mergeProjectHeads({
    actor: user ? { name: user.name, role: user.role } : null,
    project,
    input: { message: form.data.message, branchLabel: form.data.branchLabel?.trim() || undefined },
  });
  if (result.ok) {
    revalidatePath(`/projects/${encodeURIComponent(project)}`);
    revalidatePath("/");
  }
  return result;
}
