import { sanitizeDbError } from "../../server/db/errors";
import { driftOutcome, type DriftReport } from "../../server/schema/drift";
import { describeDifference, fieldChanges, groupByTable } from "../../core/schema/drift-groups";
import { DriftConnectionError, driftOfDatabase } from "../../server/schema/live";
import { replayProjectFrom } from "../../server/schema/project";
import type { ParsedArgs } from "../args";
import { type LoadedProject, loadProject, resolveVersionTarget } from "../context";
import type { VersionTarget } from "../version-target";
import { CliError, type Output } from "../output";

// `retort drift (--env E | --url U) [--dir D] [--json]`: the live schema against the schema its
// version rows say it should have. Exit 0 when it matches, 1 when it differs, 2 on any error.

type DatabaseTarget = Extract<VersionTarget, { kind: "database" }>;

export async function driftCommand(args: ParsedArgs, out: Output): Promise<number> {
  try {
    const { report, target } = await driftOf(args);
    const outcome = driftOutcome(report);
    printReport(report, target.name, out);
    out.result(contract(report));
    return outcome === "matches" ? 0 : outcome === "differs" ? 1 : 2;
  } catch (error) {
    // Every failure of `retort drift` exits 2, usage and configuration errors included.
    if (error instanceof CliError) throw new CliError(error.code, error.message, 2);
    throw error;
  }
}

/** The report for `args`'s database; also what `retort check --drift` asks. */
export async function driftOf(args: ParsedArgs, loaded?: LoadedProject): Promise<{ report: DriftReport; target: DatabaseTarget }> {
  const target = await resolveVersionTarget(args, { required: true });
  if (target.kind !== "database") throw new CliError("usage", "retort drift needs a database: --env NAME or --url URL", 2);
  const project = loaded ?? (await loadProject(args));
  const replay = replayProjectFrom({ name: project.name ?? "--dir", directory: project.directory, map: project.map, config: project.config });
  try {
    return { report: await driftOfDatabase({ url: target.url, target: { table: target.table, schema: target.schema }, project: replay }), target };
  } catch (error) {
    if (error instanceof DriftConnectionError) throw new CliError(error.code, `${target.name}: ${error.message}`, 2);
    throw new CliError("internal", `${target.name}: ${sanitizeDbError(error, target.url.secrets).message}`, 2);
  }
}

/** The CLI contract's document (issue 8), with the engine's extra detail beside it. */
export function contract(report: DriftReport): Record<string, unknown> {
  return {
    rows: report.rows,
    compared_with: report.compared_with,
    matches: report.matches,
    differences: report.differences,
    unmodelled: report.unmodelled,
    baseline: report.baseline && {
      candidates: report.baseline.candidates.map((c) => ({ revision: c.revision, rows: c.rows, differences: c.differences, missing: c.missing, extra: c.extra, changed: c.changed })),
      failure: report.baseline.failure,
    },
    checksums: report.checksums.map((c) => ({ revision: c.revision, state: c.state, path: c.path })),
    error: report.error,
  };
}

function printReport(report: DriftReport, name: string, out: Output): void {
  const rows = report.rows === null ? "no version table" : report.rows.length === 0 ? "an empty version table" : report.rows.join(", ");
  if (report.error) {
    out.line(`${name} (${rows}): the expected schema could not be had: ${report.error.message}${report.error.revision ? ` (revision ${report.error.revision})` : ""}`);
  } else if (report.compared_with) {
    const at = report.compared_with.length ? `revision ${report.compared_with.join(", ")}` : "base (no revisions)";
    out.line(report.matches ? `${name}: the schema matches ${at}` : `${name}: ${count(report.differences.length, "difference")} from ${at}`);
  } else {
    out.line(`${name} has ${rows}; its schema was not compared with a revision`);
  }
  for (const group of groupByTable(report.differences)) {
    out.line(group.table === null ? "  outside any table:" : `  table ${group.table}:`);
    for (const difference of group.differences) {
      out.line(`    ${describeDifference(difference)}`);
      for (const change of fieldChanges(difference)) out.line(`      ${change}`);
      if (difference.sql) out.line(`      reconcile: ${difference.sql}`);
    }
  }
  const unmodelled = report.unmodelled.filter((u) => u.inActual || u.inExpected);
  if (unmodelled.length > 0) {
    out.line("  not compared (Retort does not model these):");
    for (const u of unmodelled) out.line(`    ${u.kind} ${u.name}${u.table ? ` on ${u.table}` : ""}`);
  }
  for (const finding of report.checksums) {
    out.line(`  revision ${finding.revision}: ${finding.state === "edited" ? `file ${finding.path ?? ""} edited after it was applied` : `applied, but its file ${finding.path ?? ""} is gone`}`);
  }
  if (report.baseline) printBaseline(report.baseline, out);
}

function printBaseline(baseline: NonNullable<DriftReport["baseline"]>, out: Output): void {
  if (baseline.candidates.length === 0) {
    out.line(`  no baseline found${baseline.failure ? `: ${baseline.failure.message}` : ""}`);
    return;
  }
  out.line("  baseline candidates (the revision whose schema is closest to this one):");
  for (const candidate of baseline.candidates) {
    out.line(`    ${candidate.rows.join(" ")}  ${count(candidate.differences, "difference")}  → retort stamp ${candidate.rows.join(" ")}`);
  }
  if (baseline.failure) out.line(`  the search stopped early: ${baseline.failure.message}`);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
