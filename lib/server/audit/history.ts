import "server-only";
import { listAuditEntries, type AuditRow } from "../audit-query";
import { findEnvironmentConfig } from "../environments";
import { earlierStages } from "../actions/promotion";

// One environment's history for its page: what ran there, when and by whom (from its own
// retort_audit), newest first, and where it stands in the promotion order.

export const HISTORY_SHOWN = 15;

export interface EnvironmentHistory {
  runs: AuditRow[];
  /** The stages before it, nearest first (empty: no promotion order). */
  after: string[];
  promotion: "warn" | "enforce";
  /** Why the runs could not be read, if they could not. */
  unreadable: string | null;
}

export async function getEnvironmentHistory({ env }: { env: string }): Promise<EnvironmentHistory> {
  const config = findEnvironmentConfig({ env });
  if (!config) return { runs: [], after: [], promotion: "warn", unreadable: "not configured" };
  const after = earlierStages(config).map((e) => e.name);
  const { entries, notes } = await listAuditEntries({ environments: [config], filters: { environment: config.name }, limit: HISTORY_SHOWN });
  return { runs: entries, after, promotion: config.promotion ?? "warn", unreadable: notes[0]?.message ?? null };
}
