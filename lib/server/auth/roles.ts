import "server-only";
import { z } from "zod";

// Three roles, each a superset of the one before. Auditors are read-only people, so the audit
// log is readable by every role: making it admin-only would force auditors to hold the power to
// stamp and downgrade, the opposite of what an auditor should have.

export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const ACTIONS = ["view", "upgrade", "rehearse", "downgrade", "stamp", "merge", "approve", "audit"] as const;
export type Action = (typeof ACTIONS)[number];

const ALLOWED: Record<Role, ReadonlySet<Action>> = {
  viewer: new Set<Action>(["view", "audit"]),
  // Operators upgrade and rehearse; an environment's protection may still refuse them.
  operator: new Set<Action>(["view", "audit", "upgrade", "rehearse"]),
  admin: new Set<Action>(ACTIONS),
};

/** Whether a role may perform an action at all (environment protection is checked separately). */
export function can(role: Role, action: Action): boolean {
  return ALLOWED[role]?.has(action) ?? false;
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
