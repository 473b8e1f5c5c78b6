"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { PasswordChangeState } from "@/components/auth/ChangePasswordForm";
import type { SessionActionState } from "@/components/auth/SessionList";
import { changeOwnPassword, endOwnSession, signOutEverywhere } from "@/lib/server/auth/account";
import { clearSessionCookie } from "@/lib/server/auth/session-cookie";

// The /account page's actions. Thin: parse, call lib/server/auth/account (which works only on
// the caller's own session and account), revalidate. Next.js checks the Origin of each.

export async function signOutEverywhereAction(): Promise<void> {
  const result = await signOutEverywhere();
  // A trusted-proxy user has no Retort session to end: the account page says so.
  if (!result.ok && result.code === "managed-by-proxy") redirect("/account");
  await clearSessionCookie();
  redirect("/login");
}

const sessionForm = z.object({ publicId: z.string().regex(/^[A-Za-z0-9_-]{8,32}$/) });

export async function endSessionAction(_previous: SessionActionState, formData: FormData): Promise<SessionActionState> {
  const form = sessionForm.safeParse({ publicId: formData.get("publicId") });
  if (!form.success) return { ok: false, code: "invalid:input", message: "Unknown session; reload the page." };
  const result = await endOwnSession({ publicId: form.data.publicId });
  revalidatePath("/account");
  return result.ok ? { ok: true } : { ok: false, code: result.code, message: result.message };
}

const passwordForm = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(1024),
    next: z.string().min(1, "Enter a new password.").max(1024, "Passwords have at most 1024 characters."),
    repeat: z.string().max(1024),
  })
  .refine((form) => form.next === form.repeat, { path: ["repeat"], message: "The two new passwords differ." });

export async function changePasswordAction(_previous: PasswordChangeState, formData: FormData): Promise<PasswordChangeState> {
  const form = passwordForm.safeParse({ current: formData.get("current") ?? "", next: formData.get("next") ?? "", repeat: formData.get("repeat") ?? "" });
  if (!form.success) {
    return { ok: false, code: "invalid:input", message: "Check the highlighted fields.", fieldErrors: z.flattenError(form.error).fieldErrors };
  }
  const result = await changeOwnPassword({ current: form.data.current, next: form.data.next });
  revalidatePath("/account");
  return result.ok ? { ok: true, ended: result.data.ended } : { ok: false, code: result.code, message: result.message, fieldErrors: result.fieldErrors };
}
