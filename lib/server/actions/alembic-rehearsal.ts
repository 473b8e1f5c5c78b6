import "server-only";
import type { MigrationPlan } from "../../core/types";
import { tryAdvisoryLock } from "../lock";
import { dedicatedConnection, leaseConnection, sanitizeDbError, secretsOf, type ConnectionLease } from "../pg";
import type { VersionTableTarget } from "../sql-identifiers";
import { readVersionRows } from "../version-table";
import type { AlembicCommand } from "./alembic-command";
import { runAlembicSteps } from "./alembic-steps";
import type { StepOutcome } from "./views";

// Rehearsal of an Alembic project: under the same advisory lock as every run, after the same
// check of the rows, the real migrations run through env.py inside a transaction that the runner
// always rolls back. The rows are read again afterwards to prove nothing stayed.

export interface AlembicRehearsalResult {
  ok: boolean;
  code?: string;
  message?: string;
  steps: StepOutcome[];
  rowsBefore: string[];
  rowsAfter: string[];
  rehearsedRows?: string[];
  output: string;
  heldBy?: string;
  since?: string | null;
}

export async function rehearseAlembicPlan(options: {
  database: { name: string; url: string };
  target: VersionTableTarget;
  command: AlembicCommand;
  plan: MigrationPlan;
  expectedRows: string[];
  actor: string;
}): Promise<AlembicRehearsalResult> {
  const { url } = options.database;
  const expected = [...new Set(options.expectedRows)].sort();
  const refused = (code: string, message: string, extra: Partial<AlembicRehearsalResult> = {}): AlembicRehearsalResult => ({
    ok: false, code, message, steps: options.plan.steps.map((s) => ({ revision: s.revision, direction: s.direction, status: "not-run", durationMs: 0 })),
    rowsBefore: expected, rowsAfter: expected, output: "", ...extra,
  });
  let lease: ConnectionLease;
  try {
    lease = await leaseConnection(dedicatedConnection({ connectionString: url, connectionTimeoutMs: 10_000 }));
  } catch (error) {
    return refused("connection", `Could not connect to the database: ${sanitizeDbError(error, secretsOf(url)).message}`);
  }
  const { client } = lease;
  try {
    const schema = options.target.schema || (await client.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]?.s;
    const lock = await tryAdvisoryLock(client, { key: `retort:${schema ?? ""}.${options.target.table}`, holder: `${options.actor} rehearse ${options.plan.kind} ${options.plan.target}` });
    if (!lock.ok) return refused("locked", `The version table is locked by "${lock.heldBy}"; nothing was run`, { heldBy: lock.heldBy, since: lock.since });
    try {
      const rowsBefore = (await readVersionRows(client, options.target)).rows.sort();
      if (rowsBefore.join(",") !== expected.join(",")) {
        return refused("rows-changed", `The version table changed since the preview: expected [${expected.join(", ")}], found [${rowsBefore.join(", ")}]; nothing was run`, { rowsBefore, rowsAfter: rowsBefore });
      }
      const run = await runAlembicSteps({ command: options.command, url, versionTable: { table: options.target.table, schema: options.target.schema ?? null },
        mode: "rehearse", steps: options.plan.steps.map((s) => ({ revision: s.revision, direction: s.direction })), startRows: rowsBefore });
      const rowsAfter = (await readVersionRows(client, options.target)).rows.sort();
      const steps: StepOutcome[] = run.steps.map((s) => ({ revision: s.revision, direction: s.direction, status: s.status === "rehearsed" || s.status === "failed" ? s.status : "not-run",
        durationMs: s.durationMs, ...(s.error ? { error: s.error } : {}) }));
      const failed = run.steps.find((s) => s.status === "failed");
      const base = { steps, rowsBefore, rowsAfter, output: run.output, ...(run.rows ? { rehearsedRows: run.rows } : {}) };
      if (run.ok) return { ok: true, ...base };
      const message = failed ? `${failed.revision} failed in rehearsal: ${failed.error?.message ?? "failed"}` : `The rehearsal could not run: ${run.error?.message ?? "unknown error"}`;
      return { ok: false, code: failed ? "step-failed" : "rehearsal-failed", message, ...base };
    } finally {
      await lock.release().catch(() => undefined);
    }
  } catch (error) {
    return refused("internal", sanitizeDbError(error, secretsOf(url)).message);
  } finally {
    await lease.release();
  }
}
