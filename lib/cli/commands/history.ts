import path from "node:path";
import { verboseBlock } from "../../core/render/alembic-output";
import { historyRange, parseHistoryRange, usesCurrent } from "../../core/render/history-range";
import { historyLine, historyOrder } from "../../core/graph/history";
import { boolFlag, type ParsedArgs, stringFlag } from "../args";
import { loadProject, resolveVersionTarget } from "../context";
import { CliError } from "../output";
import type { Output } from "../output";
import { unwrap } from "./plan-helpers";
import { exitFor, problemsJson, warnProblems } from "./problems";

/** `alembic history [-r A:B] [-v]`: newest first, in Alembic's order. */
export async function historyCommand(args: ParsedArgs, out: Output): Promise<number> {
  const { map, directory } = await loadProject(args);
  const problems = [...directory.problems, ...map.problems];
  warnProblems(problems, out);
  const rangeText = stringFlag(args, "rev-range");
  const range = rangeText === undefined ? undefined : unwrap(parseHistoryRange(rangeText));
  const order = range === undefined ? historyOrder(map) : unwrap(historyRange(map, range, usesCurrent(range) ? await currentRow(args) : []));
  const revisions = order.map((id) => map.get(id)!);
  // One form or the other, never both: at 5,000 revisions each is thousands of strings or objects.
  if (!out.json) {
    const verbose = boolFlag(args, "verbose");
    for (const r of revisions) out.line(verbose ? verboseBlock(map, r.revision, path.resolve(directory.root, r.path)) : historyLine(map, r.revision));
    return exitFor(problems);
  }
  out.result({
    revisions: revisions.map((r) => ({
      revision: r.revision,
      down_revisions: r.downRevisions,
      depends_on: r.dependsOn,
      branch_labels: r.propagatedLabels,
      message: r.message,
      path: r.path,
      is_head: r.isHead,
      is_base: r.isBase,
      is_branch_point: r.isBranchPoint,
      is_merge_point: r.isMergePoint,
      ...(r.unreadable ? { unreadable: r.unreadable } : {}),
    })),
    problems: problemsJson(problems),
  });
  return exitFor(problems);
}

/**
 * `current` as a range end (alembic history -r current:heads): the version table's row, read
 * from --url/--env/--from; an empty table leaves that end open, as Alembic's empty tuple does.
 */
async function currentRow(args: ParsedArgs): Promise<string[]> {
  // Loaded here, not at the top: the drivers cost tens of milliseconds, and most history runs never touch a database.
  const { readVersionState } = await import("../database");
  const state = await readVersionState(await resolveVersionTarget(args, { required: true }));
  if (state.rows.length > 1) {
    throw new CliError("invalid-argument", `\`current\` in a history range stands for one revision here, but the version table holds ${state.rows.length} (${state.rows.join(", ")}); name the revisions instead`);
  }
  return state.rows;
}
