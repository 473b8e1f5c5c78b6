import { findOverlaps, isUpToDate, pendingForHeads, unknownRows } from "../../core/plan/current";
import type { Problem } from "../../core/types";
import { boolFlag, type ParsedArgs } from "../args";
import { loadProject, resolveVersionTarget } from "../context";
import { readVersionState } from "../database";
import { CliError, type Output } from "../output";
import { contract, driftOf } from "./drift";
import { driftOutcome } from "../../server/schema/drift";
import { describeProblem, isError } from "./problems";

interface CheckProblem extends Pick<Problem, "message" | "path" | "line" | "revisions" | "fix"> {
  code: string;
}

type Map = Awaited<ReturnType<typeof loadProject>>["map"];

/**
 * Heads that each carry their own branch label (neutron's expand and contract) are branches
 * Alembic treats as intended; only unlabelled or label-sharing heads need a merge.
 */
export function unlabelledHeads(map: Map): string[] {
  if (map.heads.length < 2) return [];
  const labels = map.heads.map((id) => map.get(id)!.propagatedLabels);
  const distinct = labels.every((own, i) => own.length > 0 && labels.every((other, j) => i === j || !other.some((l) => own.includes(l))));
  return distinct ? [] : map.heads;
}

async function databaseProblems(args: ParsedArgs, map: Map, allowPending: boolean): Promise<CheckProblem[]> {
  const target = await resolveVersionTarget(args, { required: false });
  if (target.kind === "none") return [];
  const { rows, tableExists } = await readVersionState(target);
  const name = target.kind === "database" ? target.name : "--from";
  const unknown = unknownRows(map, rows);
  if (unknown.length > 0) {
    return [{ code: "unknown-revision", revisions: unknown,
      message: `${name}: the version table names ${unknown.join(", ")}, which is not in the migration directory`,
      fix: "Restore the missing revision file, or stamp the database to a known revision (retort stamp --purge REV)." }];
  }
  const overlaps = findOverlaps(map, rows);
  if (overlaps.length > 0) {
    return overlaps.map((o) => ({ code: "overlap", revisions: [o.descendant, o.ancestor],
      message: `${name}: row ${o.ancestor} is an ancestor of row ${o.descendant}; Alembic refuses to upgrade from here`,
      fix: `Stamp the database to the rows it really has, e.g. retort stamp --purge ${o.descendant}.` }));
  }
  if (isUpToDate(map, rows) || allowPending) return [];
  const pending = pendingForHeads(map, rows);
  const state = !tableExists ? "has no version table" : rows.length === 0 ? "has an empty version table" : `is at ${rows.join(", ")}`;
  return [{ code: "not-up-to-date", revisions: pending,
    message: `${name} ${state}; ${pending.length} revision(s) pending to reach the heads (${map.realHeads.join(", ")})`,
    fix: "Run retort upgrade heads." }];
}

/** The CI gate: load problems, more than one head, a bad ini, and (given a database) drift. */
export async function checkCommand(args: ParsedArgs, out: Output): Promise<number> {
  const loaded = await loadProject(args);
  const { map, directory } = loaded;
  const problems: CheckProblem[] = [...directory.problems, ...map.problems]
    .filter(isError)
    .map(({ kind, message, path, line, revisions, fix }) => ({ code: kind, message, path, line, revisions, fix }));
  const unlabelled = unlabelledHeads(map);
  if (unlabelled.length > 0) {
    problems.push({ code: "multiple-heads", revisions: unlabelled,
      message: `Multiple head revisions are present: ${unlabelled.join(", ")}`,
      fix: `Merge them: retort merge heads -m "merge heads" (or give each branch its own label if they are meant to stay apart)` });
  }
  problems.push(...(await databaseProblems(args, map, boolFlag(args, "allow-pending"))));
  const drift = boolFlag(args, "drift") ? await driftProblem(args, loaded) : null;
  if (drift?.problem) problems.push(drift.problem);
  for (const problem of problems) out.line(describeProblem(problem));
  const labelled = map.heads.length > 1 && unlabelled.length === 0
    ? `labelled branches ${map.heads.map((id) => `${id} (${map.get(id)!.propagatedLabels.join(", ")})`).join(", ")}`
    : `head ${map.heads.join(", ") || "(none)"}`;
  if (problems.length === 0) out.line(`OK: ${map.revisions.length} revisions, ${labelled}`);
  out.result({
    ok: problems.length === 0,
    problems: problems.map(({ code, message, path, line, revisions, fix }) => ({ code, message, path, line, revisions, fix })),
    ...(drift ? { drift: drift.report } : {}),
    ...(map.heads.length > 1 && unlabelled.length === 0 ? { labelled_branches: map.heads.map((id) => ({ head: id, labels: map.get(id)!.propagatedLabels })) } : {}),
  });
  return problems.length === 0 ? 0 : 1;
}

/** `check --drift`: the schema must be what the version rows say, and no applied file edited. */
async function driftProblem(args: ParsedArgs, loaded: Awaited<ReturnType<typeof loadProject>>): Promise<{ problem: CheckProblem | null; report: Record<string, unknown> }> {
  const target = await resolveVersionTarget(args, { required: false });
  if (target.kind !== "database") throw new CliError("usage", "check --drift needs a database: --env NAME or --url URL", 2);
  const { report } = await driftOf(args, loaded);
  const outcome = driftOutcome(report);
  if (outcome === "matches") return { problem: null, report: contract(report) };
  const parts = [
    report.error ? `the expected schema could not be had: ${report.error.message}` : null,
    report.differences.length > 0 ? `${report.differences.length} schema difference(s)` : null,
    report.checksums.length > 0 ? `${report.checksums.length} applied revision file(s) edited or gone (${report.checksums.map((c) => `${c.revision} ${c.state}`).join(", ")})` : null,
    report.compared_with === null && !report.error ? "the schema was not compared (no usable version rows)" : null,
  ].filter((p): p is string => p !== null);
  return {
    report: contract(report),
    problem: { code: "drift", revisions: report.compared_with ?? [], message: `${target.name}: ${parts.join("; ")}`, fix: "Run retort drift for the list and the SQL that reconciles each difference." },
  };
}
