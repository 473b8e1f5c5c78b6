"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { approveRequest, rejectRequest } from "@/lib/server/actions/approvals";
import { previewEnvironmentAction } from "@/lib/server/actions/preview";
import { runEnvironmentAction } from "@/lib/server/actions/run-action";
import type { ActionOutcome, ActionPreview, ActionResult, ApprovalView } from "@/lib/server/actions/views";
import { getSession } from "@/lib/server/auth/session";

export type { ActionAvailability, ApprovalStep, ActionFailure, ActionOutcome, ActionPanelView, ActionPreview, ActionRequest, ActionResult, ApprovalView, EnvironmentActionKind, PreviewStep, RevisionChoice, StepOutcome, UnknownRowOrigin } from "@/lib/server/actions/views";

// Server actions of the environment page and the approvals page. Thin: parse the form, find who
// is asking, call one function in lib/server/actions (which checks the role and the protection
// again, whatever the page showed), revalidate, return a typed result.

export type PreviewState = ActionResult<ActionPreview> | null;
export type RunState = ActionResult<ActionOutcome> | null;
export type RejectState = ActionResult<ApprovalView> | null;

const text = (max: number) => z.string().max(max).optional();

const requestForm = z.object({
  kind: z.string().max(20),
  target: text(200),
  // Stamp: revisions separated by spaces or commas.
  targets: text(2000),
  purge: z.enum(["on", "true"]).optional(),
});

const confirmForm = requestForm.extend({
  expectedRows: z.string().max(10_000),
  planDigest: text(20_000),
  confirmation: text(200),
  reason: text(2000),
});

function fields(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !key.startsWith("$")) out[key] = value;
  return out;
}

function toRequest(form: z.infer<typeof requestForm>) {
  return {
    kind: form.kind,
    target: form.target ?? "",
    targets: (form.targets ?? "").split(/[\s,]+/).filter(Boolean),
    purge: form.purge !== undefined,
  };
}

function malformed(): { ok: false; code: string; message: string } {
  return { ok: false, code: "invalid:input", message: "The form was incomplete or malformed; reload the page and try again." };
}

async function actor() {
  const user = await getSession();
  return user ? { name: user.name, role: user.role } : null;
}

export async function previewAction(env: string, _previous: PreviewState, formData: FormData): Promise<PreviewState> {
  const form = requestForm.safeParse(fields(formData));
  if (!form.success) return malformed();
  return previewEnvironmentAction({ actor: await actor(), env, request: toRequest(form.data) });
}

export async function confirmAction(env: string, _previous: RunState, formData: FormData): Promise<RunState> {
  const form = confirmForm.safeParse(fields(formData));
  if (!form.success) return malformed();
  let expectedRows: unknown;
  try {
    expectedRows = JSON.parse(form.data.expectedRows);
  } catch {
    return malformed();
  }
  const result = await runEnvironmentAction({
    actor: await actor(),
    env,
    request: toRequest(form.data),
    expectedRows,
    planDigest: form.data.planDigest,
    confirmation: form.data.confirmation,
    reason: form.data.reason,
  });
  revalidatePath(`/environments/${encodeURIComponent(env)}`);
  revalidatePath("/");
  return result;
}

const approvalForm = z.object({ id: z.string().max(100), reason: text(500), confirmation: text(200) });

export async function approveAction(_previous: RunState, formData: FormData): Promise<RunState> {
  const form = approvalForm.safeParse(fields(formData));
  if (!form.success) return malformed();
  const result = await approveRequest({ actor: await actor(), id: form.data.id, confirmation: form.data.confirmation });
  revalidatePath("/approvals");
  revalidatePath(`/environments/${encodeURIComponent(form.data.id.split(":")[0] ?? "")}`);
  return result;
}

export async function rejectAction(_previous: RejectState, formData: FormData): Promise<RejectState> {
  const form = approvalForm.safeParse(fields(formData));
  if (!form.success) return malformed();
  const result = await rejectRequest({ actor: await actor(), id: form.data.id, reason: form.data.reason });
  revalidatePath("/approvals");
  return result;
}
