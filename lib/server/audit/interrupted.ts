import "server-only";
import { dialectOf } from "../db/dialects";
import type { DbConnection } from "../db/types";
import { readVersionRows } from "../db/version-table";
import { isRunningHere } from "../runs/registry";
import { targetOf } from "./decode";
import { recordRun } from "./record";
import type { AuditRunView } from "./types";

// A run whose record still says `running` although nobody runs it any more: its process was
// killed, or its server lost. A live run always holds its version table's lock (and writes its
// final record before letting go), so a free lock and no such run in this process means it is
// dead: it is marked interrupted, with the rows as they are now and the step it was in.

export async function settleIfInterrupted(conn: DbConnection, run: AuditRunView, schema?: string): Promise<AuditRunView> {
  if (run.status !== "running" || isRunningHere(run.id)) return run;
  const target = targetOf(run.versionTable);
  if (!target) return run;
  const dialect = dialectOf(conn);
  try {
    if (await dialect.lockHolder(conn, target)) return run;
    const rowsAfter = (await readVersionRows(conn, target)).rows.sort();
    const interruptedAt = run.steps.findIndex((s) => s.status === "not-run" || s.status === "running");
    const steps = run.steps.map((step, i) => (i === interruptedAt ? { ...step, status: "interrupted" } : step));
    const who = run.holder ? ` (pid ${run.holder.pid})` : "";
    const settled: AuditRunView = {
      ...run,
      status: "interrupted",
      steps,
      rowsAfter,
      endedAt: new Date().toISOString(),
      error: `interrupted: the process that ran it${who} stopped before it finished; the version table now holds [${rowsAfter.join(", ")}]`,
    };
    const { rowId: _rowId, legacy: _legacy, durationMs: _durationMs, ...record } = settled;
    await recordRun(conn, record, { schema });
    return { ...settled, durationMs: Date.parse(settled.endedAt!) - Date.parse(run.startedAt) };
  } catch {
    // Cannot tell (no rights, a dropped table): leave it as it reads.
    return run;
  }
}
