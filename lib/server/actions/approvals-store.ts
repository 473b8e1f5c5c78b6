import "server-only";
import type pg from "pg";
import { auditPool, auditSchemaName } from "../audit";
import type { EnvironmentConfig } from "../config";
import { quoteIdentifier } from "../sql-identifiers";
import type { ActionRequest, ApprovalStatus, ApprovalView } from "./views";

// Approval requests live in the target database, in `retort_approval` beside `retort_audit`:
// durable across restarts, shared by every Retort instance that serves the environment, and
// claimed with one conditional UPDATE, so two admins approving at once cannot both run it.

const TABLE = "retort_approval";

function tableName(): string {
  return `${quoteIdentifier(auditSchemaName(), "audit schema")}.${quoteIdentifier(TABLE)}`;
}

const CREATE = () => `CREATE TABLE IF NOT EXISTS ${tableName()} (
  id bigserial PRIMARY KEY,
  environment text NOT NULL,
  kind text NOT NULL,
  target text NOT NULL,
  targets text[] NOT NULL DEFAULT '{}',
  purge boolean NOT NULL DEFAULT false,
  expected_rows text[] NOT NULL,
  planned_rows text[] NOT NULL,
  steps text[] NOT NULL,
  plan_digest text NOT NULL,
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending',
  decided_by text,
  decided_at timestamptz,
  message text
)`;

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
}

export interface StoredApproval extends ApprovalView {
  planDigest: string;
}

async function withClient<T>(env: EnvironmentConfig, work: (client: pg.PoolClient) => Promise<T>, create = true): Promise<T | null> {
  const client = await auditPool(env).connect();
  try {
    // Reading never creates the table: listing approvals must not write into every database.
    if (create) await ensureTable(client);
    else if (!(await tableExists(client))) {
      client.release();
      return null;
    }
    const result = await work(client);
    client.release();
    return result;
  } catch (error) {
    client.release(true);
    throw error;
  }
}

async function tableExists(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ present: boolean }>("SELECT to_regclass($1) IS NOT NULL AS present", [tableName()]);
  return rows[0]?.present === true;
}

async function ensureTable(client: pg.ClientBase): Promise<void> {
  if (await tableExists(client)) return;
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(auditSchemaName(), "audit schema")}`);
    await client.query(CREATE());
  } catch (error) {
    // Two first requests at once: the loser's CREATE fails on the type name; the table exists.
    if (!(await tableExists(client))) throw error;
  }
}

function toView(row: Row): StoredApproval {
  return {
    id: `${row.environment}:${row.id}`,
    env: row.environment,
    request: { kind: row.kind, target: row.target, targets: row.targets, purge: row.purge },
    expectedRows: row.expected_rows,
    plannedRows: row.planned_rows,
    steps: row.steps,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    message: row.message,
    planDigest: row.plan_digest,
  };
}

export async function insertApproval(
  env: EnvironmentConfig,
  input: { request: ActionRequest; expectedRows: string[]; plannedRows: string[]; steps: string[]; planDigest: string; requestedBy: string },
): Promise<StoredApproval> {
  const inserted = await withClient(env, async (client) => {
    const { rows } = await client.query<Row>(
      `INSERT INTO ${tableName()} (environment, kind, target, targets, purge, expected_rows, planned_rows, steps, plan_digest, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [env.name, input.request.kind, input.request.target, input.request.targets, input.request.purge,
        input.expectedRows, input.plannedRows, input.steps, input.planDigest, input.requestedBy],
    );
    return toView(rows[0]!);
  });
  return inserted!;
}

export async function findApproval(env: EnvironmentConfig, id: string): Promise<StoredApproval | null> {
  return withClient(env, async (client) => {
    const { rows } = await client.query<Row>(`SELECT * FROM ${tableName()} WHERE id = $1 AND environment = $2`, [id, env.name]);
    return rows[0] ? toView(rows[0]) : null;
  }, false);
}

/** Pending → running for one approver who is not the requester; null when it cannot be claimed. */
export async function claimApproval(env: EnvironmentConfig, id: string, approver: string): Promise<StoredApproval | null> {
  return withClient(env, async (client) => {
    const { rows } = await client.query<Row>(
      `UPDATE ${tableName()} SET status = 'running', decided_by = $3, decided_at = now()
        WHERE id = $1 AND environment = $2 AND status = 'pending' AND requested_by <> $3 RETURNING *`,
      [id, env.name, approver],
    );
    return rows[0] ? toView(rows[0]) : null;
  });
}

export async function finishApproval(
  env: EnvironmentConfig,
  id: string,
  change: { status: ApprovalStatus; message: string | null; decidedBy?: string | null },
): Promise<void> {
  await withClient(env, async (client) => {
    // Back to pending (a transient refusal such as a lock) clears the decision.
    const reopen = change.status === "pending";
    await client.query(
      `UPDATE ${tableName()} SET status = $3, message = $4,
              decided_by = CASE WHEN $5 THEN NULL ELSE COALESCE($6, decided_by) END,
              decided_at = CASE WHEN $5 THEN NULL ELSE COALESCE(decided_at, now()) END
        WHERE id = $1 AND environment = $2`,
      [id, env.name, change.status, change.message, reopen, change.decidedBy ?? null],
    );
  });
}

export async function listApprovals(env: EnvironmentConfig, options: { limit?: number } = {}): Promise<StoredApproval[]> {
  const found = await withClient(env, async (client) => {
    const { rows } = await client.query<Row>(
      `SELECT * FROM ${tableName()} WHERE environment = $1
        ORDER BY (status = 'pending') DESC, requested_at DESC LIMIT $2`,
      [env.name, options.limit ?? 50],
    );
    return rows.map(toView);
  }, false);
  return found ?? [];
}
