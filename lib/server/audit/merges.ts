import "server-only";
import { listTrailRecords } from "../meta/trail-read";
import { timeBounds, type AuditFilters } from "./filters";
import type { MergeRecord } from "./trail-mirror";

// Merges, as the audit page lists them: each is a record of the hash-chained trail (a merge
// writes a file, not a database), shown beside the runs with who, project, file and parents.

/** A merge as recorded (trail-mirror.ts), with its place and time in the trail. */
export interface MergeEntry extends MergeRecord {
  seq: number;
  at: string;
}

/** Whether these filters can match a merge at all (merges have no environment and no run status). */
export function filtersAdmitMerges(filters: AuditFilters): boolean {
  if (filters.environment) return false;
  if (filters.action && filters.action !== "merge") return false;
  return !filters.result || filters.result === "applied";
}

export async function listMerges({ filters, limit }: { filters: AuditFilters; limit: number }): Promise<{ merges: MergeEntry[]; unavailable: boolean }> {
  if (!filtersAdmitMerges(filters)) return { merges: [], unavailable: false };
  const bounds = timeBounds(filters);
  try {
    const records = await listTrailRecords({ kind: "merge", actor: filters.actor, from: bounds.from, to: bounds.to, toExclusive: bounds.toExclusive, limit });
    const merges = records.map((r) => {
      const d = r.detail as { project?: unknown; path?: unknown; parents?: unknown; message?: unknown };
      return {
        seq: r.seq, at: r.recordedAt, actor: r.actor, revision: r.subject ?? "",
        project: typeof d.project === "string" ? d.project : "",
        path: typeof d.path === "string" ? d.path : "",
        parents: Array.isArray(d.parents) ? d.parents.filter((p): p is string => typeof p === "string") : [],
        message: typeof d.message === "string" ? d.message : "",
      };
    });
    return { merges, unavailable: false };
  } catch {
    return { merges: [], unavailable: true };
  }
}
