import "server-only";
import type { AuditDbRow, AuditRow } from "./audit-chain";
import { withMeta } from "./pool";

// Reading records of one kind back from the audit trail (for the audit page: merges, which have
// no target database and so no retort_audit row). Verification lives in audit-verify.ts.

/** A trail record as the audit page lists it (its chain hashes left out). */
export type TrailRecord = Omit<AuditRow, "prevHash" | "hash">;

type DbRow = Omit<AuditDbRow, "prev_hash" | "hash">;

/** Newest first; `from` inclusive, `to` inclusive unless `toExclusive`. */
export async function listTrailRecords({ kind, actor, from, to, toExclusive = false, limit }: {
  kind: string;
  actor?: string;
  from?: string;
  to?: string;
  toExclusive?: boolean;
  limit: number;
}): Promise<TrailRecord[]> {
  const params: unknown[] = [kind];
  const conditions = ["kind = $1"];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(sql.replace("?", `$${params.length}`));
  };
  if (actor) add("actor = ?", actor);
  if (from) add("recorded_at >= ?", from);
  if (to) add(toExclusive ? "recorded_at < ?" : "recorded_at <= ?", to);
  params.push(Math.max(1, Math.min(10_000, Math.floor(limit))));
  return withMeta(async (client) => {
    const { rows } = await client.query<DbRow>(
      `SELECT seq, recorded_at, kind, actor, environment, subject, detail FROM retort.audit_trail
        WHERE ${conditions.join(" AND ")} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({ seq: Number(r.seq), recordedAt: r.recorded_at.toISOString(), kind: r.kind, actor: r.actor, environment: r.environment, subject: r.subject, detail: r.detail }));
  });
}
