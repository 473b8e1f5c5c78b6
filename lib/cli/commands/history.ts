import { historyLine, historyOrder } from "../../core/history";
import type { ParsedArgs } from "../args";
import { loadProject } from "../context";
import type { Output } from "../output";
import { warnProblems } from "./problems";

export async function historyCommand(args: ParsedArgs, out: Output): Promise<number> {
  const { map, directory } = await loadProject(args);
  warnProblems([...directory.problems, ...map.problems], out);
  const revisions = historyOrder(map).map((id) => map.get(id)!);
  for (const revision of revisions) out.line(historyLine(map, revision.revision));
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
    })),
  });
  return 0;
}
