import { findOverlaps, isUpToDate, pendingForHeads, unknownRows } from "../../core/current";
import type { Problem } from "../../core/types";
import { boolFlag, type ParsedArgs } from "../args";
import { loadProject, resolveVersionTarget } from "../context";
import { readVersionState } from "../database";
import type { Output } from "../output";
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
  const { map, directory } = await loadProject(args);
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
  for (const problem of problems) out.line(describeProblem(problem));
  const labelled = map.heads.length > 1 && unlabelled.length === 0
    ? `labelled branches ${map.heads.map((id) => `${id} (${map.get(id)!.propagatedLabels.join(", ")})`).join(", ")}`
    : `head ${map.heads.join(", ") || "(none)"}`;
  if (problems.length === 0) out.line(`OK: ${map.revisions.length} revisions, ${labelled}`);
  out.result({
    ok: problems.length === 0,
    problems: problems.map(({ code, message, path, line, revisions, fix }) => ({ code, message, path, line, revisions, fix })),
    ...(map.heads.length > 1 && unlabelled.length === 0 ? { labelled_branches: map.heads.map((id) => ({ head: id, labels: map.get(id)!.propagatedLabels })) } : {}),
  });
  return problems.length === 0 ? 0 : 1;
}
