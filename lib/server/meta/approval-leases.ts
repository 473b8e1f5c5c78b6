import "server-only";
import type pg from "pg";
import { appendLocked } from "./audit-chain";
import { runnerIdentity, runnerIsGone } from "./instance";

// A claimed approval is `running` only while its runner holds a lease it keeps renewing. A
// runner that crashed (kill -9, power loss) stops renewing; whoever reads the approvals next (or
// starts up) marks the run `interrupted`, so it can be retried or closed instead of hanging.

export function leaseSeconds(): number {
  const configured = Number(process.env.RETORT_APPROVAL_LEASE_SECONDS);
  return Number.isFinite(configured) && configured >= 1 ? configured : 30;
}

interface RunningRow {
  id: string;
  environment: string;
  runner_instance: string | null;
  runner_pid: number | null;
  runner_host: string | null;
  runner_scope: string | null;
  lease_expired: boolean;
}

/** Mark running approvals whose runner is gone as interrupted; returns how many. */
export async function sweepInterruptedApprovals(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<RunningRow>(
    `SELECT id, environment, runner_instance, runner_pid, runner_host, runner_scope, (lease_expires_at IS NULL OR lease_expires_at < now()) AS lease_expired
       FROM retort.approvals WHERE status = 'running'`,
  );
  const gone = rows.filter((row) => row.lease_expired || runnerIsGone({ instance: row.runner_instance, pid: row.runner_pid, scope: row.runner_scope }));
  let marked = 0;
  for (const row of gone) {
    marked += await markInterrupted(client, row);
  }
  return marked;
}

async function markInterrupted(client: pg.ClientBase, row: RunningRow): Promise<number> {
  const who = `${row.runner_host ?? "?"} pid ${row.runner_pid ?? "?"}`;
  const message = `The run stopped before it finished: its server (${who}) is gone. Retry re-plans from the rows as they are now; or close it.`;
  await client.query("BEGIN");
  try {
    // The status condition makes this claim-once too: two sweepers mark (and log) it once.
    const updated = await client.query(
      `UPDATE retort.approvals SET status = 'interrupted', message = $2, finished_at = now(), lease_expires_at = NULL
        WHERE id = $1 AND status = 'running' AND runner_instance IS NOT DISTINCT FROM $3`,
      [row.id, message, row.runner_instance],
    );
    if (updated.rowCount) {
      await appendLocked(client, {
        kind: "approval-interrupted", actor: "system", environment: row.environment, subject: `request ${row.environment}:${row.id}`,
        detail: { runnerHost: row.runner_host, runnerPid: row.runner_pid, runnerInstance: row.runner_instance, by: runnerIdentity().instance },
      });
    }
    await client.query("COMMIT");
    return updated.rowCount ?? 0;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
