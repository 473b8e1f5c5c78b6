"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { SignInState } from "@/components/auth/LoginForm";
import { safeNextPath } from "@/lib/server/auth/next-path";
import { startSession } from "@/lib/server/auth/session";
import { verifyPassword } from "@/lib/server/auth/users";

const signInSchema = z.object({
  name: z.string().trim().min(1, "Enter your user name.").max(128, "User names have at most 128 characters."),
  password: z.string().min(1, "Enter your password.").max(1024, "Passwords have at most 1024 characters."),
  next: z.string().max(2048).optional(),
});

// Every failed attempt waits a little, so guessing is slow and the timing says nothing about
// whether the name exists (verifyPassword already costs the same for unknown names).
function failureDelay(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 400 + Math.floor(Math.random() * 300)));
}

export async function signIn(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({
    name: formData.get("name") ?? "",
    password: formData.get("password") ?? "",
    next: formData.get("next") ?? undefined,
  });
  const name = typeof formData.get("name") === "string" ? String(formData.get("name")).slice(0, 128) : "";
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    return { ok: false, code: "invalid:input", message: "Check the highlighted fields.", fieldErrors: { name: fieldErrors.name, password: fieldErrors.password }, name };
  }
  const user = await verifyPassword({ name: parsed.data.name, password: parsed.data.password });
  if (!user) {
    await failureDelay();
    return { ok: false, code: "invalid-credentials", message: "The user name or password is incorrect.", name };
  }
  await startSession({ user: user.name, role: user.role, via: "password" });
  redirect(safeNextPath(parsed.data.next));
}
