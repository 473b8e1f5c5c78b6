import path from "node:path";
import { verboseBlock } from "../../core/render/alembic-output";
import { currentRevisions } from "../../core/plan/current";
import { indicators } from "../../core/graph/history";
import { boolFlag, type ParsedArgs } from "../args";
import { loadProject, resolveVersionTarget } from "../context";
import { versionState } from "../version-state";
import type { Output } from "../output";

/** `alembic current`: rows plus the dependencies they imply, never creating the table. */
export async function currentCommand(args: ParsedArgs, out: Output): Promise<number> {
  const target = await resolveVersionTarget(args, { required: true });
  const { map, directory } = await loadProject(args);
  const state = await versionState(target);
  const known = state.rows.filter((row) => map.get(row));
  const verbose = boolFlag(args, "verbose");
  // Alembic prints the URL with the password masked; Retort never prints a URL, so it names the target.
  if (verbose && target.kind === "database") out.line(`Current revision(s) for ${target.name}:`);
  for (const id of currentRevisions(map, known)) {
    out.line(verbose ? verboseBlock(map, id, path.resolve(directory.root, map.get(id)!.path)) : `${id}${indicators(map, id)}`);
  }
  for (const row of state.rows.filter((r) => !map.get(r))) {
    out.line(`${row} (not in the migration directory: Alembic fails with "Can't locate revision identified by '${row}'")`);
  }
  if (!state.tableExists) out.line("(no version table)");
  out.result({ rows: [...state.rows].sort(), table_exists: state.tableExists });
  return 0;
}
