import "server-only";
import { applyVersionOps, ensureVersionTable, purgeVersionTable } from "../db/version-table";
import { prepareChecksums, transitionChecksums } from "./checksums";
import { stampStep } from "./journal";
import { describeError, withLockedSession } from "./session";
import { elapsed } from "./steps";
import type { Session } from "./session";
import type { ExecutionResult, Outcome, StampOptions } from "./types";

/** Writes a stamp's version rows in one transaction; no migration runs. */
export function executeStampPlan(options: StampOptions): Promise<ExecutionResult> {
  const { plan } = options;
  let failed: { code: string; message: string } | undefined;
  let durationMs = 0;
  return withLockedSession(options, {
    action: "stamp",
    target: plan.targets.join(" "),
    plannedSteps: stampStep(plan.ops, "not-run", 0),
    finalSteps: (outcome) => stampStep(plan.ops, outcome.ok ? "applied" : "failed", durationMs, failed),
    run: async (session) => {
      const startedAt = new Date();
      const outcome = await stamp(session, options, startedAt);
      durationMs = elapsed(startedAt);
      if (!outcome.ok) failed = { code: outcome.code ?? "stamp-failed", message: outcome.message ?? "" };
      return outcome;
    },
  });
}

async function stamp(session: Session, options: StampOptions, startedAt: Date): Promise<Outcome> {
  const { conn, target, dialect } = session;
  const { plan } = options;
  const creates = plan.purge || session.rowsBefore.length === 0;
  try {
    // MySQL would commit the CREATE TABLE, and the stamp with it, implicitly: create it first there.
    if (creates && !dialect.transactionalDdl) await ensureVersionTable(conn, target);
    await prepareChecksums(conn, target, options.checksums, plan.after.length > 0);
    await conn.begin({ immediate: true });
    if (creates) await ensureVersionTable(conn, target);
    if (plan.purge) await purgeVersionTable(conn, target);
    await applyVersionOps(conn, target, plan.ops);
    if (options.checksums) await transitionChecksums(conn, target, options.checksums, { before: session.rowsBefore, after: plan.after, action: "stamp" });
    await session.journal.progress(conn, stampStep(plan.ops, "applied", elapsed(startedAt)), plan.after);
    await conn.commit();
    return { ok: true, steps: [] };
  } catch (error) {
    await conn.rollback();
    const info = describeError(error, session.secrets);
    return { ok: false, code: "stamp-failed", message: info.message, steps: [] };
  }
}
