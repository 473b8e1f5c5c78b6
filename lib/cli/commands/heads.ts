import type { ParsedArgs } from "../args";
import { loadProject } from "../context";
import type { Output } from "../output";
import { warnProblems } from "./problems";

/** `alembic heads`: versioned heads in load order, marked (head) or (effective head). */
export async function headsCommand(args: ParsedArgs, out: Output): Promise<number> {
  const { map, directory } = await loadProject(args);
  warnProblems([...directory.problems, ...map.problems], out);
  for (const id of map.heads) {
    const revision = map.get(id)!;
    const labels = revision.propagatedLabels.length > 0 ? ` (${revision.propagatedLabels.join(", ")})` : "";
    out.line(`${id}${labels} ${revision.isRealHead ? "(head)" : "(effective head)"}`);
  }
  out.result({ heads: map.heads, real_heads: map.realHeads, bases: map.bases });
  return 0;
}
