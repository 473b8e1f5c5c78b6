import "server-only";
import type { DriftPageView, DriftSummary } from "../core/view/drift-view-types";
import { groupByTable } from "../core/schema/drift-groups";
import { databaseOf, type EnvironmentConfig } from "./config";
import { findEnvironmentConfig } from "./environments";
import { getProject } from "./project-cache";
import { type DriftReport, driftOutcome } from "./schema/drift";
import { DriftConnectionError, driftOfDatabase } from "./schema/live";
import { replayProjectOf } from "./schema/project";

// What the dashboard shows of drift (issue 8). Drift replays migrations, so it is computed on the
// environment and drift pages (streamed, one computation at a time for the whole server, the
// same environment's concurrent requests sharing one), and the overview cards show the last
// result without waiting for anything.

const lastSummaries = new Map<string, DriftSummary>();
const running = new Map<string, Promise<DriftPageView>>();
let queue: Promise<unknown> = Promise.resolve();

/** The last drift result of an environment, if this server computed one; never waits. */
export function cachedDriftSummary(env: string): DriftSummary | null {
  return lastSummaries.get(env) ?? null;
}

/** Drift of a configured environment, computed now; null for an unknown environment. */
export function getDriftView({ env }: { env: string }): Promise<DriftPageView | null> {
  const config = findEnvironmentConfig({ env });
  if (!config) return Promise.resolve(null);
  const known = running.get(config.name);
  if (known) return known;
  const next = queue.then(() => compute(config));
  queue = next.catch(() => undefined);
  running.set(config.name, next);
  return next.finally(() => running.delete(config.name));
}

async function compute(config: EnvironmentConfig): Promise<DriftPageView> {
  const checkedAt = new Date().toISOString();
  const view = await viewOf(config, checkedAt);
  lastSummaries.set(config.name, view.summary);
  return view;
}

async function viewOf(config: EnvironmentConfig, checkedAt: string): Promise<DriftPageView> {
  const notCompared = (why: string): DriftPageView => ({ env: config.name, summary: { state: "not-compared", why, checkedAt }, groups: [], unmodelled: [], checksums: [], baseline: null, durationMs: 0 });
  if (config.unavailable) return notCompared(config.unavailable);
  const project = await getProject({ name: config.project });
  if (!project) return notCompared(`Project ${config.project} is not configured.`);
  let report: DriftReport;
  try {
    report = await driftOfDatabase({ url: databaseOf(config), target: { table: config.versionTable, schema: config.versionSchema }, project: replayProjectOf(project) });
  } catch (error) {
    // Connection failures are already free of the URL; anything else is not shown as it is.
    return notCompared(error instanceof DriftConnectionError ? error.message : "The schema could not be read.");
  }
  return reportView(config.name, report, checkedAt);
}

export function reportView(env: string, report: DriftReport, checkedAt: string): DriftPageView {
  const why = report.rows === null ? "The database has no version table." : "The version table names revisions Retort cannot locate.";
  const candidates = (report.baseline?.candidates ?? []).map((c) => ({ revision: c.revision, rows: c.rows, differences: c.differences, groups: groupByTable(c.changes) }));
  return {
    env,
    summary: summaryOf(report, why, checkedAt),
    groups: groupByTable(report.differences),
    unmodelled: report.unmodelled.filter((u) => u.inActual || u.inExpected),
    checksums: report.checksums.map(({ revision, state, path }) => ({ revision, state, path })),
    baseline: report.baseline && report.compared_with === null ? { why, candidates, failure: report.baseline.failure?.message ?? null } : null,
    durationMs: Math.round(report.stats.durationMs),
  };
}

function summaryOf(report: DriftReport, why: string, checkedAt: string): DriftSummary {
  if (report.error) return { state: "not-compared", why: `${report.error.message}${report.error.revision ? ` (revision ${report.error.revision})` : ""}`, checkedAt };
  if (report.compared_with === null) {
    const best = report.baseline?.candidates[0];
    if (!best && report.baseline?.failure) return { state: "not-compared", why: report.baseline.failure.message, checkedAt };
    return { state: "baseline", reason: report.rows === null ? "no-version-table" : "unknown-rows", why, best: best ? { revision: best.revision, differences: best.differences } : null, checkedAt };
  }
  if (driftOutcome(report) === "matches") return { state: "matches", revisions: report.compared_with, checkedAt };
  return { state: "differs", revisions: report.compared_with, differences: report.differences.length, checksums: report.checksums.length, checkedAt };
}

/** The last result of every environment this server compared, for the overview's cards. */
export function cachedDriftSummaries(): Record<string, DriftSummary> {
  return Object.fromEntries(lastSummaries);
}
