import "server-only";
import { listMerges, type MergeEntry } from "./audit/merges";
import { listRuns, MAX_AUDIT_LIMIT, type AuditNote } from "./audit/read";
import type { AuditFilters } from "./audit/filters";
import type { AuditRunView, AuditStep } from "./audit/types";
import type { EnvironmentConfig } from "./config";
import { getProject } from "./project-cache";

// The audit page's and the export's view: one row per run (its steps inside, each with its
// revision's message), plus merges from the hash-chained trail, newest first. Each row has a
// global id, unique across environments: `<environment>:<run id>` (`merge:<trail seq>` for merges).

export { auditFiltersSchema, type AuditFilters } from "./audit/filters";
export { listRuns, MAX_AUDIT_LIMIT, type AuditNote } from "./audit/read";
export type { AuditRun, AuditRunView, AuditStep, RunStatus } from "./audit/types";

export type AuditEntryStep = AuditStep & { message?: string };

/** One audit row as shown and exported (serializable). */
export interface AuditRow {
  /** The run's id (a UUID; "legacy-N" for rows of the old format; "merge-N" for merges). */
  id: string;
  /** Unique across environments: `<environment>:<id>`, or `merge:<trail seq>`. */
  globalId: string;
  at: string;
  endedAt?: string | null;
  /** Empty for merges (they change a directory, not a database). */
  environment: string;
  /** The environment's project (the merge's, for merges). */
  project: string | null;
  actor: string;
  action: string;
  target: string;
  rowsBefore: string[];
  rowsAfter: string[];
  steps: AuditEntryStep[];
  /** The run's status: running, applied, failed, refused, rehearsed or interrupted. */
  result: string;
  durationMs: number | null;
  error: string | null;
  /** Merges: the file written and the revisions it joins. */
  merge?: { path: string; parents: string[]; message: string };
}

async function messagesOf(projects: string[]): Promise<Map<string, Map<string, string>>> {
  const loaded = await Promise.all(projects.map((name) => getProject({ name }).catch(() => null)));
  return new Map(projects.map((name, i) => [name, new Map([...(loaded[i]?.map.revisions.values() ?? [])].map((r) => [r.revision, r.message]))]));
}

function runEntry(run: AuditRunView, project: string | null, messages: Map<string, string> | undefined): AuditRow {
  const steps = run.steps.map((s) => (s.revision && messages?.has(s.revision) ? { ...s, message: messages.get(s.revision)! } : s));
  return {
    id: run.id, globalId: `${run.environment}:${run.id}`, at: run.startedAt, endedAt: run.endedAt, environment: run.environment, project,
    actor: run.actor, action: run.action, target: run.target, rowsBefore: run.rowsBefore, rowsAfter: run.rowsAfter, steps,
    result: run.status, durationMs: run.durationMs, error: run.error,
  };
}

function mergeEntry(merge: MergeEntry): AuditRow {
  return {
    id: `merge-${merge.seq}`, globalId: `merge:${merge.seq}`, at: merge.at, endedAt: merge.at, environment: "", project: merge.project,
    actor: merge.actor, action: "merge", target: merge.revision, rowsBefore: [], rowsAfter: [], steps: [], result: "applied",
    durationMs: null, error: null, merge: { path: merge.path, parents: merge.parents, message: merge.message },
  };
}

/** Newest first, merged across environments; `notes` names the environments that could not be read. */
export async function listAuditEntries({ environments, filters = {}, limit = 200, schema }: {
  environments: readonly EnvironmentConfig[];
  filters?: AuditFilters;
  limit?: number;
  schema?: string;
}): Promise<{ entries: AuditRow[]; notes: AuditNote[] }> {
  const safeLimit = Math.min(limit, MAX_AUDIT_LIMIT);
  const [{ runs, notes }, { merges, unavailable }] = await Promise.all([
    filters.action === "merge" ? Promise.resolve({ runs: [], notes: [] }) : listRuns({ environments, filters, limit: safeLimit, schema }),
    listMerges({ filters, limit: safeLimit }),
  ]);
  const projectOf = new Map(environments.map((e) => [e.name, e.project]));
  const messages = await messagesOf([...new Set(runs.map((r) => projectOf.get(r.environment)).filter((p): p is string => Boolean(p)))]);
  const entries = [
    ...runs.map((run) => runEntry(run, projectOf.get(run.environment) ?? null, messages.get(projectOf.get(run.environment) ?? ""))),
    ...merges.map(mergeEntry),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const allNotes = unavailable ? [...notes, { environment: "merges", message: "Merges are recorded in Retort's metadata database, which is unavailable." }] : notes;
  return { entries: entries.slice(0, safeLimit), notes: allNotes };
}
