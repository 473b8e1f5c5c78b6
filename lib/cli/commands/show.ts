import path from "node:path";
import { branchesText, verboseBlock } from "../../core/render/alembic-output";
import { historyOrder } from "../../core/graph/history";
import { resolveTargetsResult } from "../../core/plan/resolve";
import { boolFlag, type ParsedArgs } from "../args";
import { loadProject } from "../context";
import { CliError, type Output } from "../output";
import { unwrap } from "./plan-helpers";
import { exitFor, problemsJson, warnProblems } from "./problems";

/** `alembic show REV`: the verbose block of each revision REV names (`heads` shows all, `base` none). */
export async function showCommand(args: ParsedArgs, out: Output): Promise<number> {
  if (args.positionals.length !== 1) throw new CliError("usage", "retort show takes one revision (an id, a prefix, a label, heads, head)", 2);
  const { map, directory } = await loadProject(args);
  const problems = [...directory.problems, ...map.problems];
  warnProblems(problems, out);
  const [ident] = args.positionals;
  if (ident === "current") throw new CliError("usage", "show current reads a database: use retort current --verbose --url URL (or --env NAME)", 2);
  const ids = ident === "base" ? [] : unwrap(resolveTargetsResult(map, ident!));
  for (const id of ids) out.line(verboseBlock(map, id, path.resolve(directory.root, map.get(id)!.path)));
  out.result({ revisions: ids.map((id) => revisionJson(map, id)), problems: problemsJson(problems) });
  return exitFor(problems);
}

/** `alembic branches [-v]`: every branch point and the revisions it branches into. */
export async function branchesCommand(args: ParsedArgs, out: Output): Promise<number> {
  const { map, directory } = await loadProject(args);
  const problems = [...directory.problems, ...map.problems];
  warnProblems(problems, out);
  const order = historyOrder(map);
  const text = branchesText(map, order, { verbose: boolFlag(args, "verbose"), pathOf: (id) => path.resolve(directory.root, map.get(id)!.path) });
  out.flush();
  if (text) process.stdout.write(out.json ? "" : text);
  const points = order.filter((id) => map.get(id)!.isBranchPoint);
  out.result({ branch_points: points.map((id) => ({ revision: id, children: map.get(id)!.nextRevisions })), problems: problemsJson(problems) });
  return exitFor(problems);
}

function revisionJson(map: Awaited<ReturnType<typeof loadProject>>["map"], id: string) {
  const r = map.get(id)!;
  return { revision: id, down_revisions: r.downRevisions, depends_on: r.dependsOn, branch_labels: r.propagatedLabels, message: r.message,
    long_doc: r.longDoc, path: r.path, is_head: r.isHead, is_branch_point: r.isBranchPoint, is_merge_point: r.isMergePoint, next_revisions: r.nextRevisions };
}
