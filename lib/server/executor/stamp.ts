import "server-only";
import type { AuditEntry } from "../audit-types";
import { applyVersionOps, ensureVersionTable, purgeVersionTable } from "../version-table";
import { describeError, recordFailure, rollbackQuietly, withLockedSession } from "./session";
import { elapsed } from "./steps";
import type { ExecutionResult, Session, StampOptions } from "./types";

/** Writes a stamp's version rows in one transaction; no migration runs. */
export function executeStampPlan(options: StampOptions): Promise<ExecutionResult> {
  const { plan, actor } = options;
  return withLockedSession(options, `${actor} stamp ${plan.targets.join(" ")}`, async (session) => {
    const { client, target } = session;
    const startedAt = new Date();
    try {
      await client.query("BEGIN");
      if (plan.purge || session.rowsBefore.length === 0) await ensureVersionTable(client, target);
      if (plan.purge) await purgeVersionTable(client, target);
      await applyVersionOps(client, target, plan.ops);
      await options.audit?.record(client, stampEntry(options, session, startedAt, "applied"));
      await client.query("COMMIT");
      return { ok: true, steps: [] };
    } catch (error) {
      await rollbackQuietly(client);
      const info = describeError(error, session.secrets);
      await recordFailure(client, options.audit, { ...stampEntry(options, session, startedAt, "failed"), error: info });
      return { ok: false, code: "stamp-failed", message: info.message, steps: [] };
    }
  });
}

function stampEntry(options: StampOptions, session: Session, startedAt: Date, status: AuditEntry["status"]): AuditEntry {
  const { plan } = options;
  return {
    action: "stamp",
    actor: options.actor,
    target: plan.targets.join(" "),
    versionTable: { table: session.target.table, schema: session.target.schema ?? null },
    revision: null,
    direction: null,
    versionOps: plan.ops,
    rowsBefore: [...session.rowsBefore],
    rowsAfter: status === "applied" ? [...plan.after] : [...session.rowsBefore],
    status,
    startedAt: startedAt.toISOString(),
    durationMs: elapsed(startedAt),
  };
}
