import "server-only";
import { randomBytes } from "node:crypto";
import { createSignInLink } from "./sign-in-links";
import { addUser, findUser } from "./users";

export const DEMO_ADMIN = "demo-admin";

/**
 * For the demo script: make sure an admin exists (with a random password nobody is told) and
 * return a one-time sign-in link path for it, to print next to the server's address.
 */
export async function ensureDemoAdmin({ name = DEMO_ADMIN, ttlMinutes = 24 * 60 }: { name?: string; ttlMinutes?: number } = {}): Promise<{ user: string; path: string; expiresAt: string }> {
  if (!(await findUser({ name }))) {
    const created = await addUser({ name, role: "admin", password: `${randomBytes(24).toString("base64url")}Aa1!`, actor: "demo" });
    if (!created.ok && created.code !== "exists") throw new Error(`Cannot create the demo admin: ${created.message}`);
  }
  const link = await createSignInLink({ user: name, ttlMinutes, actor: "demo" });
  if (!link.ok) throw new Error(`Cannot create a sign-in link for ${name}: ${link.message}`);
  return { user: name, path: link.path, expiresAt: link.expiresAt };
}
