import "server-only";
import { redirect } from "next/navigation";
import type { Action } from "./roles";
import { requireUser, type SessionUser } from "./session";

export type PageAuth = { ok: true; user: SessionUser } | { ok: false; code: `forbidden:${Action}`; message: string };

/**
 * For server pages: someone not signed in is sent to /login (and back to `path` afterwards);
 * a signed-in user without the permission gets the refusal to render.
 */
export async function requirePageUser({ action = "view", path }: { action?: Action; path: string }): Promise<PageAuth> {
  const result = await requireUser({ action });
  if (result.ok) return result;
  if (result.code === "unauthorized") redirect(path === "/" ? "/login" : `/login?next=${encodeURIComponent(path)}`);
  return { ok: false, code: result.code, message: result.message };
}
