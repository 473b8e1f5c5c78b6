import "server-only";
import type { ChecksumFinding } from "../../core/schema/checksums";
import { compareSchemas, type SchemaDifference, type UnmodelledEntry } from "../../core/schema/diff";
import type { SchemaModel } from "../../core/schema/model";
import { type BaselineReport, findBaseline } from "./baseline";
import { checkChecksums } from "./checksums";
import { expectedSchemaAt } from "./expected";
import { introspectSchema } from "./introspect";
import type { SchemaReader } from "./reader";
import { emptyStats, type ReplayFailure, type ReplayProject, type ReplayStats } from "./replay";
import type { SchemaCache } from "./schema-cache";
import type { ScratchProvider } from "./scratch";

// `retort drift`: the live schema against the expected schema at the database's version rows,
// every difference with its reconciling SQL, a baseline search when the rows cannot be used, and
// the checksums of applied revisions. The report is the CLI contract's JSON as it stands.

export interface DriftOptions {
  /** The live database. */
  reader: SchemaReader;
  project: ReplayProject;
  /** The version rows as read; null when the version table does not exist. */
  rows: string[] | null;
  /** The version table (checksums live beside it; it is never reported as drift). */
  target?: { table: string; schema: string | null };
  provider: ScratchProvider;
  /** Schemas to read (PostgreSQL) or the database (MySQL); default the connection's current one. */
  schemas?: string[];
  /** "auto": search for a baseline only when the rows cannot be compared with; "always": every time. */
  baseline?: "auto" | "always";
  cache?: SchemaCache;
}

export interface DriftReport {
  rows: string[] | null;
  /** The rows the live schema was compared with; null when no comparison was made. */
  compared_with: string[] | null;
  differences: SchemaDifference[];
  /** Objects Retort does not compare (triggers, functions, …) and where each was seen. */
  unmodelled: UnmodelledEntry[];
  baseline: null | { candidates: BaselineReport["candidates"]; failure: BaselineReport["failure"] };
  checksums: ChecksumFinding[];
  /** Why the expected schema could not be had (scratch database refused, a migration failed). */
  error: null | { code: string; message: string; revision: string | null };
  /** True when the schema is exactly what the rows say (an empty database at no rows included). */
  matches: boolean;
  stats: ReplayStats & { durationMs: number; fromCache: boolean };
}

export async function computeDrift(options: DriftOptions): Promise<DriftReport> {
  const startedAt = performance.now();
  const stats = emptyStats();
  const context = { project: options.project, provider: options.provider, versionTable: options.target?.table, cache: options.cache, stats };
  const live = await introspectSchema({ reader: options.reader, schemas: options.schemas, versionTable: options.target?.table });
  const rows = options.rows === null ? null : [...options.rows].sort();
  const usable = rows !== null && rows.length > 0 && rows.every((row) => options.project.map.get(row));
  const report: DriftReport = {
    rows,
    compared_with: null,
    differences: [],
    unmodelled: [],
    baseline: null,
    checksums: await checksumsOf(options, rows ?? []),
    error: null,
    matches: false,
    stats: { ...stats, durationMs: 0, fromCache: false },
  };
  if (usable) {
    const expected = await expectedSchemaAt(context, rows);
    if (expected.ok) {
      const comparison = compareSchemas(expected.schema, live);
      Object.assign(report, { compared_with: rows, differences: comparison.differences, unmodelled: comparison.unmodelled, matches: comparison.differences.length === 0 });
      report.stats.fromCache = expected.fromCache;
    } else {
      report.error = errorOf(expected);
    }
  } else if (!hasObjects(live)) {
    // No rows and nothing in the database: an empty database is at base, exactly as it should be.
    Object.assign(report, { compared_with: [], unmodelled: compareSchemas(live, live).unmodelled, matches: rows === null || rows.length === 0 });
  }
  if (hasObjects(live) && (!usable || options.baseline === "always")) {
    const found = await findBaseline({ ...context, live });
    report.baseline = { candidates: found.candidates, failure: found.failure };
  }
  report.stats = { ...report.stats, ...stats, durationMs: performance.now() - startedAt };
  return report;
}

async function checksumsOf(options: DriftOptions, rows: string[]): Promise<ChecksumFinding[]> {
  const { project } = options;
  const checked = await checkChecksums({ reader: options.reader, target: { schema: options.target?.schema ?? null }, map: project.map, rows, root: project.root, sources: project.sourcesById.values() });
  return checked.findings;
}

function hasObjects(schema: SchemaModel): boolean {
  return schema.tables.length + schema.views.length + schema.sequences.length + schema.enums.length > 0;
}

function errorOf(failure: ReplayFailure): DriftReport["error"] {
  return { code: failure.code, message: failure.message, revision: failure.revision };
}

/**
 * What `retort drift` exits with: "matches" (0) when the schema is what the rows say and no applied
 * file changed; "error" (2) when no comparison could be made; "differs" (1) otherwise.
 */
export function driftOutcome(report: DriftReport): "matches" | "differs" | "error" {
  if (report.error) return "error";
  if (report.baseline && report.baseline.candidates.length === 0 && report.baseline.failure) return "error";
  return report.matches && report.checksums.length === 0 ? "matches" : "differs";
}
