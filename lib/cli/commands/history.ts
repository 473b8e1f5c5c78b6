import path from "node:path";
import { historyRange, parseHistoryRange, verboseBlock } from "../../core/alembic-output";
import { historyLine, historyOrder } from "../../core/history";
import { boolFlag, type ParsedArgs, stringFlag } from "../args";
import { loadProject } from "../context";
import type { Output } from "../output";
import { unwrap } from "./plan-helpers";
import { exitFor, problemsJson, warnProblems } from "./problems";

/** `alembic history [-r A:B] [-v]`: newest first, in Alembic's order. */
export async function historyCommand(args: ParsedArgs, out: Output): Promise<number> {
  const { map, directory } = await loadProject(args);
  const problems = [...directory.problems, ...map.problems];
  warnProblems(problems, out);
  const rangeText = stringFlag(args, "rev-range");
  const order = rangeText === undefined ? historyOrder(map) : unwrap(historyRange(map, unwrap(parseHistoryRange(rangeText))));
  const revisions = order.map((id) => map.get(id)!);
  const verbose = boolFlag(args, "verbose");
  for (const r of revisions) out.line(verbose ? verboseBlock(map, r.revision, path.resolve(directory.root, r.path)) : historyLine(map, r.revision));
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
