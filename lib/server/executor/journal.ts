import "server-only";
import { randomUUID } from "node:crypto";
import type { PlanStep, VersionOp } from "../../core/types";
import { recordRun } from "../audit/record";
import type { AuditAction, AuditRun, AuditStep, RunStatus } from "../audit/types";
import { currentHolder } from "../db/holder";
import type { DbConnection, VersionTableTarget } from "../db/types";
import type { AuditTarget, StepResult } from "./types";

// The audit record of one run as it happens: written when the run starts (running, with its
// holder), rewritten inside each step's transaction, and finalised when it ends. Without an
// audit target (the CLI) every call does nothing.

export class RunJournal {
  readonly id = randomUUID();
  private run: AuditRun | null = null;

  constructor(
    private readonly audit: AuditTarget | undefined,
    private readonly base: { actor: string; action: AuditAction; target: string; versionTable: VersionTableTarget },
  ) {}

  get recording(): boolean {
    return this.audit !== undefined;
  }

  /** Outside any transaction: creates the audit table if needed. A failure means the run must not start. */
  async start(conn: DbConnection, rowsBefore: string[], steps: AuditStep[]): Promise<void> {
    if (!this.audit) return;
    const { table, schema } = this.base.versionTable;
    this.run = {
      id: this.id, environment: this.audit.environment, actor: this.base.actor, action: this.base.action, target: this.base.target,
      versionTable: schema ? `${schema}.${table}` : table, rowsBefore: [...rowsBefore], rowsAfter: [...rowsBefore], steps,
      status: "running", startedAt: new Date().toISOString(), endedAt: null, holder: currentHolder(), error: null,
    };
    await recordRun(conn, this.run, { schema: this.audit.schema });
  }

  /** Inside the step's transaction, so the record and the change commit (or roll back) together. */
  async progress(conn: DbConnection, steps: AuditStep[], rowsAfter: readonly string[]): Promise<void> {
    if (!this.run || !this.audit) return;
    this.run = { ...this.run, steps, rowsAfter: [...rowsAfter].sort() };
    await recordRun(conn, this.run, { schema: this.audit.schema });
  }

  /** Best effort: a dead connection cannot take the final record (a reader marks the run interrupted). */
  async finish(conn: DbConnection, end: { status: RunStatus; steps: AuditStep[]; rowsAfter: string[]; error: string | null }): Promise<void> {
    if (!this.run || !this.audit) return;
    this.run = { ...this.run, ...end, endedAt: new Date().toISOString() };
    try {
      await recordRun(conn, this.run, { schema: this.audit.schema });
    } catch {
      // Nothing more can be done here; the run row stays `running` until a reader sees its holder gone.
    }
  }
}

/** The audit view of migration steps: each result, with the version ops its plan step carries. */
export function auditSteps(results: readonly StepResult[], planSteps: readonly PlanStep[]): AuditStep[] {
  return results.map((result, i) => ({
    revision: result.revision,
    direction: result.direction,
    status: result.status,
    durationMs: result.durationMs,
    versionOps: planSteps[i]?.versionOps ?? [],
    ...(result.error ? { error: { code: result.error.code, message: result.error.message, ...(result.error.statement ? { statement: result.error.statement } : {}), ...(result.error.line ? { line: result.error.line } : {}) } } : {}),
    ...(result.partial ? { statementsRun: result.partial.ran, statementsTotal: result.partial.total } : {}),
  }));
}

/** A stamp is one change: its version ops. */
export function stampStep(ops: readonly VersionOp[], status: string, durationMs: number, error?: { code: string; message: string }): AuditStep[] {
  return [{ revision: null, direction: null, status, durationMs, versionOps: [...ops], ...(error ? { error } : {}) }];
}
