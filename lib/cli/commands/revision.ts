import { planRevision } from "../../core/render/plan-revision";
import { newRevisionId } from "../../core/files/slug";
import { pythonCreateDate, RevisionFileError, writeRevisionFile } from "../../server/merge-file";
import { boolFlag, listFlag, type ParsedArgs, stringFlag } from "../args";
import { loadProject } from "../context";
import { CliError, type Output } from "../output";
import { refuseOnGraphErrors, unwrap } from "./plan-helpers";

/** `alembic revision`: a new, empty revision file in the project's own format and template. */
export async function revisionCommand(args: ParsedArgs, out: Output): Promise<number> {
  if (args.positionals.length > 0) throw new CliError("usage", `retort revision takes no positional arguments (got ${args.positionals.join(" ")}); the message goes after -m`, 2);
  const project = await loadProject(args);
  // A project with no revisions yet is where the first one is written.
  refuseOnGraphErrors(project, ["no-revisions"]);
  if (project.config && !project.writable) throw new CliError("read-only", `Project ${project.name} is not marked writable in the configuration`);
  const now = new Date();
  const plan = unwrap(planRevision(project.map, {
    message: stringFlag(args, "message") ?? null,
    head: stringFlag(args, "head"),
    splice: boolFlag(args, "splice"),
    branchLabel: stringFlag(args, "branch-label"),
    dependsOn: listFlag(args, "depends-on"),
    revisionId: stringFlag(args, "rev-id") ?? newRevisionId(),
  }));
  if (project.directory.revisionEnvironment) {
    process.stderr.write("note: revision_environment is set in alembic.ini; Retort writes the file without running env.py\n");
  }
  let written;
  try {
    written = await writeRevisionFile({
      directory: project.directory,
      map: project.map,
      fields: { ...plan, createDate: pythonCreateDate(now) },
      versionPath: stringFlag(args, "version-path"),
      now,
    });
  } catch (error) {
    if (error instanceof RevisionFileError) throw new CliError(error.code, error.message);
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError("io", code === "EEXIST" ? `A file for revision ${plan.revision} already exists` : (error as Error).message);
  }
  out.line(`Generating ${written.path} ... done`);
  out.result({ revision: written.revision, path: written.path, down_revisions: plan.downRevisions, template: written.template });
  return 0;
}
