import "server-only";
import { recordAttempt, type AuditAction } from "../audit";
import type { EnvironmentConfig } from "../config";
import type { ActionFailure } from "./views";

// A refused attempt is recorded in the environment's audit log before the refusal goes back, so
// a forged or mistaken request leaves a trace even though nothing ran. Actions call this once,
// after their guards (run-action.ts); approvals when a request cannot be claimed.

export async function refuse(
  failure: ActionFailure,
  attempt: { environment: EnvironmentConfig | null; actor: string; action: AuditAction; target: string; rowsBefore?: string[] },
): Promise<ActionFailure> {
  if (!attempt.environment) return failure;
  const recorded = await recordAttempt({
    environment: attempt.environment,
    actor: attempt.actor,
    action: attempt.action,
    target: attempt.target.slice(0, 300),
    code: failure.code,
    message: failure.message,
    rowsBefore: attempt.rowsBefore,
  });
  // An unreachable database cannot take the record; the refusal itself still stands.
  return recorded.ok ? failure : { ...failure, message: `${failure.message} (${recorded.message})` };
}
