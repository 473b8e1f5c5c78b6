import "server-only";
import type pg from "pg";
import type { EnvironmentConfig } from "../config";
import { appendLocked } from "../meta/audit-chain";
import { leaseSeconds, sweepInterruptedApprovals } from "../meta/approval-leases";
import { runnerIdentity } from "../meta/instance";
import { metaTransaction, withMeta } from "../meta/pool";
import type { ActionRequest, ApprovalStatus, ApprovalStep, ApprovalView } from "./views";

// Approval requests live in Retort's metadata database, not in the target database whose
// migration credentials could rewrite them: durable across restarts, shared by every Retort
// server, and claimed with one conditional UPDATE, so two admins approving at once cannot both
// run it. Every decision is also appended to the audit trail, in the same transaction.

interface Row {
  id: string;
  environment: string;
  kind: ActionRequest["kind"];
  target: string;
  targets: string[];
  purge: boolean;
  expected_rows: string[];
  planned_rows: string[];
  steps: string[];
  plan_digest: string;
  requested_by: string;
  requested_at: Date;
  status: ApprovalStatus;
  decided_by: string | null;
  decided_at: Date | null;
  message: string | null;
  reason: string | null;
  step_details: ApprovalStep[] | null;
}

export interface StoredApproval extends ApprovalView {
  planDigest: string;
}

function toView(row: Row): StoredApproval {
  return {
    id: `${row.environment}:${row.id}`,
    env: row.environment,
    request: { kind: row.kind, target: row.target, targets: row.targets, purge: row.purge },
    expectedRows: row.expected_rows,
    plannedRows: row.planned_rows,
    steps: row.steps,
    stepDetails: row.step_details ?? [],
    reason: row.reason,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    message: row.message,
    planDigest: row.plan_digest,
  };
}

async function logged(client: pg.ClientBase, row: Row, kind: string, actor: string, detail: Record<string, string | null> = {}): Promise<StoredApproval> {
  await appendLocked(client, { kind, actor, environment: row.environment, subject: `request ${row.environment}:${row.id}`, detail: { status: row.status, request: `${row.kind} ${row.target}`, ...detail } });
  return toView(row);
}

export interface ApprovalPlan {
  expectedRows: string[];
  plannedRows: string[];
  steps: string[];
  planDigest: string;
  /** Retries keep the request's reason; a new plan brings its own step details. */
  stepDetails: ApprovalStep[];
}

export async function insertApproval(env: EnvironmentConfig, input: ApprovalPlan & { request: ActionRequest; requestedBy: string; reason: string }): Promise<StoredApproval> {
  return metaTransaction(async (client) => {
    const { rows } = await client.query<Row>(
      `INSERT INTO retort.approvals (environment, kind, target, targets, purge, expected_rows, planned_rows, steps, plan_digest, requested_by, reason, step_details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [env.name, input.request.kind, input.request.target, input.request.targets, input.request.purge,
        input.expectedRows, input.plannedRows, input.steps, input.planDigest, input.requestedBy, input.reason, JSON.stringify(input.stepDetails)],
    );
    return logged(client, rows[0]!, "approval-requested", input.requestedBy, { steps: input.steps.join(" "), reason: input.reason });
  });
}

/** One request; a run whose runner is gone is marked interrupted first. */
export async function findApproval(env: EnvironmentConfig, id: string): Promise<StoredApproval | null> {
  return withMeta(async (client) => {
    await sweepInterruptedApprovals(client);
    const { rows } = await client.query<Row>("SELECT * FROM retort.approvals WHERE id = $1 AND environment = $2", [id, env.name]);
    return rows[0] ? toView(rows[0]) : null;
  });
}

/** Pending → running for one approver who is not the requester; null when it cannot be claimed. */
export async function claimApproval(env: EnvironmentConfig, id: string, approver: string): Promise<StoredApproval | null> {
  const runner = runnerIdentity();
  return metaTransaction(async (client) => {
    const { rows } = await client.query<Row>(
      `UPDATE retort.approvals SET status = 'running', decided_by = $3, decided_at = now(), message = NULL,
              runner_instance = $4, runner_pid = $5, runner_host = $6, runner_scope = $7, started_at = now(), finished_at = NULL,
              lease_expires_at = now() + make_interval(secs => $8)
        WHERE id = $1 AND environment = $2 AND status = 'pending' AND requested_by <> $3 RETURNING *`,
      [id, env.name, approver, runner.instance, runner.pid, runner.host, runner.scope, leaseSeconds()],
    );
    return rows[0] ? logged(client, rows[0], "approval-approved", approver, { runner: `${runner.host} pid ${runner.pid}` }) : null;
  });
}

/**
 * Keep a claimed approval's lease while its run goes on; returns the stop function. A renewal
 * that finds the approval no longer running (marked interrupted by a sweeper) simply stops.
 */
export function holdLease(env: EnvironmentConfig, id: string): () => void {
  const { instance } = runnerIdentity();
  const renew = () =>
    withMeta((c) =>
      c.query("UPDATE retort.approvals SET lease_expires_at = now() + make_interval(secs => $4) WHERE id = $1 AND environment = $2 AND status = 'running' AND runner_instance = $3", [id, env.name, instance, leaseSeconds()]),
    ).catch(() => undefined);
  const timer = setInterval(renew, Math.max(500, (leaseSeconds() * 1000) / 3));
  timer.unref();
  return () => clearInterval(timer);
}

const TERMINAL: ApprovalStatus[] = ["applied", "failed", "rejected", "closed"];

/**
 * Record a decision or a run's outcome, only from one of the `from` statuses (a request
 * approved a moment ago cannot then be rejected). False when it was not in one of them.
 */
export async function finishApproval(
  env: EnvironmentConfig,
  id: string,
  change: { status: ApprovalStatus; message: string | null; decidedBy?: string | null; from?: ApprovalStatus[]; actor?: string },
): Promise<boolean> {
  // Back to pending (a transient refusal such as a lock) clears the decision.
  const reopen = change.status === "pending";
  return metaTransaction(async (client) => {
    const { rows } = await client.query<Row>(
      `UPDATE retort.approvals SET status = $3, message = $4,
              decided_by = CASE WHEN $5 THEN NULL ELSE COALESCE($6, decided_by) END,
              decided_at = CASE WHEN $5 THEN NULL ELSE COALESCE(decided_at, now()) END,
              lease_expires_at = NULL, finished_at = CASE WHEN $8 THEN now() ELSE finished_at END
        WHERE id = $1 AND environment = $2 AND status = ANY($7) RETURNING *`,
      [id, env.name, change.status, change.message, reopen, change.decidedBy ?? null, change.from ?? ["running", "interrupted"], TERMINAL.includes(change.status)],
    );
    if (!rows[0]) return false;
    await logged(client, rows[0], `approval-${change.status}`, change.actor ?? change.decidedBy ?? "system", { message: change.message });
    return true;
  });
}

/** Interrupted → pending again with a new plan from the rows as they are now (a retry). */
export async function replanApproval(env: EnvironmentConfig, id: string, plan: ApprovalPlan & { actor: string; message: string }): Promise<StoredApproval | null> {
  return metaTransaction(async (client) => {
    const { rows } = await client.query<Row>(
      `UPDATE retort.approvals SET status = 'pending', expected_rows = $3, planned_rows = $4, steps = $5, plan_digest = $6, message = $7, step_details = $8,
              decided_by = NULL, decided_at = NULL, runner_instance = NULL, runner_pid = NULL, runner_host = NULL, runner_scope = NULL,
              lease_expires_at = NULL, started_at = NULL, finished_at = NULL
        WHERE id = $1 AND environment = $2 AND status = 'interrupted' RETURNING *`,
      [id, env.name, plan.expectedRows, plan.plannedRows, plan.steps, plan.planDigest, plan.message, JSON.stringify(plan.stepDetails)],
    );
    return rows[0] ? logged(client, rows[0], "approval-retried", plan.actor, { rowsNow: plan.expectedRows.join(" "), steps: plan.steps.join(" ") }) : null;
  });
}

export async function listApprovals(env: EnvironmentConfig, options: { limit?: number } = {}): Promise<StoredApproval[]> {
  return withMeta(async (client) => {
    await sweepInterruptedApprovals(client);
    const { rows } = await client.query<Row>(
      `SELECT * FROM retort.approvals WHERE environment = $1
        ORDER BY (status IN ('pending', 'interrupted')) DESC, requested_at DESC LIMIT $2`,
      [env.name, options.limit ?? 50],
    );
    return rows.map(toView);
  });
}

/** How many requests wait for a decision in these environments (the nav's badge). */
export async function countPendingApprovals(environments: string[]): Promise<number> {
  if (environments.length === 0) return 0;
  return withMeta(async (client) => {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM retort.approvals WHERE status = 'pending' AND environment = ANY($1)", [environments]);
    return Number(rows[0]?.n ?? 0);
  });
}
