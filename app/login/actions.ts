"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { SignInState } from "@/components/auth/LoginForm";
import { safeNextPath } from "@/lib/server/auth/next-path";
import { clientAddress, setSessionCookie } from "@/lib/server/auth/session-cookie";
import { signInWithPassword } from "@/lib/server/auth/sign-in";
import { MetaUnavailableError } from "@/lib/server/meta/pool";

const signInSchema = z.object({
  name: z.string().trim().min(1, "Enter your user name.").max(128, "User names have at most 128 characters."),
  password: z.string().min(1, "Enter your password.").max(1024, "Passwords have at most 1024 characters."),
  next: z.string().max(2048).optional(),
});

// Every failed attempt waits a little, so guessing is slow and the timing says nothing about
// whether the name exists (the password check already costs the same for unknown names).
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
  const requestHeaders = await headers();
  let outcome;
  try {
    outcome = await signInWithPassword({
      name: parsed.data.name, password: parsed.data.password,
      address: clientAddress(requestHeaders), userAgent: requestHeaders.get("user-agent"),
    });
  } catch (error) {
    if (error instanceof MetaUnavailableError) return { ok: false, code: "unavailable", message: "Sign-in is unavailable: Retort cannot reach its own database. Try again shortly, or ask an administrator.", name };
    throw error;
  }
  if (!outcome.ok) {
    if (outcome.code === "invalid-credentials") await failureDelay();
    return { ok: false, code: outcome.code, message: outcome.message, name };
  }
  await setSessionCookie({ token: outcome.token, expiresAt: outcome.expiresAt });
  redirect(safeNextPath(parsed.data.next));
}
