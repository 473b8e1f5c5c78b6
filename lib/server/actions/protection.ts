import "server-only";
import type { Protection } from "../../core/view/view-types";
import { can, type Role } from "../auth/roles";
import type { ActionFailure, EnvironmentActionKind, Guard } from "./views";

// Who may do what where. Roles come first (viewer: nothing; operator: upgrade and rehearse;
// admin: everything), then the environment's protection decides how the action is guarded.

export interface Actor {
  name: string;
  role: Role;
}

/**
 * How `protection` guards `kind`. A rehearsal rolls everything back and changes nothing, so it
 * needs neither a typed name nor an approval; only a read-only environment refuses it.
 */
export function guardFor(protection: Protection, kind: EnvironmentActionKind): Guard {
  if (protection === "readonly") return "refused";
  if (protection === "none" || kind === "rehearse") return "run";
  return protection === "confirm" ? "type-name" : "approval";
}

export function forbidden(actor: Actor | null, action: EnvironmentActionKind | "merge" | "approve"): ActionFailure | null {
  if (!actor) return { ok: false, code: "unauthorized", message: "Sign in to continue." };
  if (can(actor.role, action)) return null;
  return { ok: false, code: `forbidden:${action}`, message: `Your role (${actor.role}) may not ${action} here. Nothing was run.` };
}

export function readonlyRefusal(env: string, kind: EnvironmentActionKind): ActionFailure {
  return { ok: false, code: `readonly:${kind}`, message: `${env} is read-only: Retort runs no action on it.` };
}

/** `confirm`: the environment's name, typed exactly. */
export function confirmationRefusal(env: string, guard: Guard, typed: string | undefined): ActionFailure | null {
  if (guard !== "type-name") return null;
  if ((typed ?? "").trim() === env) return null;
  return {
    ok: false,
    code: "confirm:mismatch",
    message: `Type the environment's name (${env}) to confirm. Nothing was run.`,
    fieldErrors: { confirmation: [`Type ${env} exactly.`] },
  };
}

/** Why a button is disabled (role, protection), or null when it may be offered. */
export function unavailableReason(actor: Actor, protection: Protection, kind: EnvironmentActionKind): string | null {
  if (protection === "readonly") return "This environment is read-only.";
  if (!can(actor.role, kind)) return `Your role (${actor.role}) may not ${kind}.`;
  return null;
}
