import { planMerge } from "../../core/render/plan-merge";
import { newRevisionId } from "../../core/files/slug";
import { RevisionFileError, writeMergeRevision } from "../../server/merge-file";
import { boolFlag, type ParsedArgs, stringFlag } from "../args";
import { loadProject } from "../context";
import { CliError, type Output } from "../output";
import { refuseOnGraphErrors, unwrap } from "./plan-helpers";

/** `alembic merge`: write a revision whose parents are the given heads. */
export async function mergeCommand(args: ParsedArgs, out: Output): Promise<number> {
  const message = stringFlag(args, "message");
  if (message === undefined) throw new CliError("usage", "retort merge needs a message: -m MESSAGE", 2);
  if (args.positionals.length === 0) throw new CliError("usage", "Name the revisions to merge, e.g. `retort merge heads -m \"merge\"`", 2);
  const project = await loadProject(args);
  refuseOnGraphErrors(project);
  if (!project.writable) throw new CliError("read-only", `Project ${project.name} is not marked writable in the configuration`);
  const plan = unwrap(
    planMerge(project.map, {
      revisions: args.positionals,
      message,
      branchLabel: stringFlag(args, "branch-label"),
      revisionId: stringFlag(args, "rev-id") ?? newRevisionId(),
      splice: boolFlag(args, "splice"),
    }),
  );
  let written;
  try {
    written = await writeMergeRevision({ directory: project.directory, map: project.map, plan });
  } catch (error) {
    if (error instanceof RevisionFileError) throw new CliError(error.code, error.message);
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError("io", code === "EEXIST" ? `A file for revision ${plan.revision} already exists` : (error as Error).message);
  }
  out.line(`Generating ${written.path} ... done`);
  out.result({ revision: written.revision, path: written.path });
  return 0;
}
