import "server-only";
import type { MigrationPlan } from "../../core/types";
import type { VersionTableTarget } from "../db/types";
import { readVersionRows } from "../db/version-table";
import type { AlembicCommand } from "./alembic-command";
import { withAlembicLock, type AlembicDatabase } from "./alembic-lock";
import { runAlembicSteps } from "./alembic-steps";
import type { StepOutcome } from "./views";

// Rehearsal of an Alembic project: under the same run lock as every run, after the same check of
// the rows, the real migrations run through env.py inside a transaction that the runner always
// rolls back. The rows are read again afterwards to prove nothing stayed.

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
  /** Rehearsals change nothing, so they have no audit run of their own here. */
  runId?: undefined;
}

export function rehearseAlembicPlan(options: {
  database: AlembicDatabase;
  target: VersionTableTarget;
  command: AlembicCommand;
  plan: MigrationPlan;
  expectedRows: string[];
  actor: string;
}): Promise<AlembicRehearsalResult> {
  const expected = [...new Set(options.expectedRows)].sort();
  const refused = (code: string, message: string, extra: Partial<AlembicRehearsalResult> = {}): AlembicRehearsalResult => ({
    ok: false, code, message, steps: options.plan.steps.map((s) => ({ revision: s.revision, direction: s.direction, status: "not-run", durationMs: 0 })),
    rowsBefore: expected, rowsAfter: expected, output: "", ...extra,
  });
  const holder = `${options.actor} rehearse ${options.plan.kind} ${options.plan.target}`;
  return withAlembicLock(options, holder, { refused }, async (conn, rowsBefore) => {
    const run = await runAlembicSteps({ command: options.command, url: options.database.url.sqlalchemyUrl, secrets: options.database.url.secrets,
      versionTable: { table: options.target.table, schema: options.target.schema ?? null },
      mode: "rehearse", steps: options.plan.steps.map((s) => ({ revision: s.revision, direction: s.direction })), startRows: rowsBefore });
    const rowsAfter = (await readVersionRows(conn, options.target)).rows.sort();
    const steps: StepOutcome[] = run.steps.map((s) => ({ revision: s.revision, direction: s.direction, status: s.status === "rehearsed" || s.status === "failed" ? s.status : "not-run",
      durationMs: s.durationMs, ...(s.error ? { error: s.error } : {}) }));
    const failed = run.steps.find((s) => s.status === "failed");
    const base = { steps, rowsBefore, rowsAfter, output: run.output, ...(run.rows ? { rehearsedRows: run.rows } : {}) };
    if (run.ok) return { ok: true, ...base };
    const message = failed ? `${failed.revision} failed in rehearsal: ${failed.error?.message ?? "failed"}` : `The rehearsal could not run: ${run.error?.message ?? "unknown error"}`;
    return { ok: false, code: failed ? "step-failed" : "rehearsal-failed", message, ...base };
  });
}
