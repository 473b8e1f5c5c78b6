import path from "node:path";
import { headsLine, verboseBlock } from "../../core/render/alembic-output";
import { boolFlag, type ParsedArgs } from "../args";
import { loadProject } from "../context";
import type { Output } from "../output";
import { exitFor, problemsJson, warnProblems } from "./problems";

/** `alembic heads`: versioned heads in load order, marked (head) or (effective head). */
export async function headsCommand(args: ParsedArgs, out: Output): Promise<number> {
  const { map, directory } = await loadProject(args);
  const problems = [...directory.problems, ...map.problems];
  warnProblems(problems, out);
  for (const line of headLines(map, boolFlag(args, "verbose"), (id) => path.resolve(directory.root, map.get(id)!.path))) out.line(line);
  out.result({ heads: map.heads, real_heads: map.realHeads, bases: map.bases, problems: problemsJson(problems) });
  return exitFor(problems);
}

/** One line per entry of Alembic's heads tuple (an earlier file of a duplicated id is one, printed as the last file). */
function headLines(map: Awaited<ReturnType<typeof loadProject>>["map"], verbose: boolean, pathOf: (id: string) => string): string[] {
  return map.listedHeads.map((id) => (verbose ? verboseBlock(map, id, pathOf(id)) : headsLine(map, id)));
}
