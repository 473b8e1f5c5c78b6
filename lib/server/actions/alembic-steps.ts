import "server-only";
import path from "node:path";
import type { Direction } from "../../core/types";
import { secretsOfText } from "../db/errors";
import type { AlembicCommand } from "./alembic-command";
import { runAlembicProcess } from "./alembic-process";

// Exactly the planned steps through the project's own env.py (alembic_steps.py): their SQL as
// Alembic renders it offline, or a rehearsal inside a transaction that is rolled back. The
// interface is narrow on purpose (URL, command, version table, steps) so any executor can use it.

const RUNNER = path.join(process.cwd(), "lib", "server", "actions", "alembic_steps.py");

export type StepRunStatus = "rendered" | "offline-unsupported" | "rehearsed" | "failed" | "not-run";

export interface StepRunOutcome {
  revision: string;
  direction: Direction;
  status: StepRunStatus;
  durationMs: number;
  /** The database's (or Python's) message, secrets redacted. */
  error?: { code: string; message: string };
  /** sql mode: this step's part of the offline script. */
  sql?: string;
}

export interface StepRunResult {
  ok: boolean;
  steps: StepRunOutcome[];
  /** Rehearsal: the version rows inside the transaction, just before it was rolled back. */
  rows: string[] | null;
  /** sql mode: the whole offline script. */
  sql?: string;
  error?: { code: string; message: string };
  /** What env.py and Alembic printed, redacted. */
  output: string;
}

export interface StepRunRequest {
  command: AlembicCommand;
  /** The SQLAlchemy URL the project's env.py receives. */
  url: string;
  /** What must never come back in the output (default: the URL's own password, user and host). */
  secrets?: readonly string[];
  versionTable: { table: string; schema: string | null };
  mode: "sql" | "rehearse";
  steps: { revision: string; direction: Direction }[];
  /** The version rows the steps start from (offline mode has no database to read them from). */
  startRows: string[];
  timeoutMs?: number;
}

export async function runAlembicSteps(request: StepRunRequest): Promise<StepRunResult> {
  const input = JSON.stringify({
    mode: request.mode,
    steps: request.steps,
    startRows: request.startRows,
    versionTable: request.versionTable.table,
    versionSchema: request.versionTable.schema,
  });
  const run = await runAlembicProcess({
    command: request.command,
    alembicArgs: [],
    url: request.url,
    versionTable: request.versionTable,
    secrets: [...(request.secrets ?? secretsOfText(request.url))],
    script: RUNNER,
    input,
    timeoutMs: request.timeoutMs,
  });
  const notRun = request.steps.map((s) => ({ ...s, status: "not-run" as const, durationMs: 0 }));
  if (!run.result) {
    const reason = run.timedOut ? "it took too long and was stopped" : `it exited with status ${run.exitCode ?? "unknown"} without a result`;
    return { ok: false, steps: notRun, rows: null, error: { code: "runner-failed", message: `The Alembic step runner failed: ${reason}` }, output: run.output };
  }
  const parsed = JSON.parse(run.result) as Omit<StepRunResult, "output">;
  return { ...parsed, steps: parsed.steps.length > 0 ? parsed.steps : notRun, output: run.output };
}
