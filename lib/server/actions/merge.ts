import "server-only";
import { readFile } from "node:fs/promises";
import { planMerge } from "../../core/render/plan-merge";
import { newRevisionId } from "../../core/files/slug";
import { recordMerge } from "../audit/trail-mirror";
import { writeMergeRevision } from "../merge-file";
import { getProject } from "../project-cache";
import { invalidInput, mergeInputSchema } from "./input";
import { forbidden, type Actor } from "./protection";
import type { ActionResult, MergeOutcome } from "./views";

// `alembic merge` from the browser: a new revision file whose parents are the project's heads
// (Python for Alembic projects, SQL for native ones), written only into a writable project.

// One merge at a time per project in this process: two at once would write two merge files.
const running = new Map<string, Promise<unknown>>();

export async function mergeProjectHeads({ actor, project, input }: { actor: Actor | null; project: string; input: unknown }): Promise<ActionResult<MergeOutcome>> {
  const denied = forbidden(actor, "merge");
  if (denied) return denied;
  const parsed = mergeInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  if (running.has(project)) return { ok: false, code: "locked:merge", message: `Another merge of ${project} is being written; try again in a moment.` };
  const work = merge(project, parsed.data, actor!.name);
  running.set(project, work);
  try {
    return await work;
  } finally {
    running.delete(project);
  }
}

async function merge(project: string, input: { message: string; branchLabel?: string; revisions: string[] }, actor: string): Promise<ActionResult<MergeOutcome>> {
  const loaded = await getProject({ name: project });
  if (!loaded) return { ok: false, code: "not-found:project", message: `No project named ${project} is configured.` };
  if (!loaded.config.writable) {
    return { ok: false, code: "merge:not-writable", message: `${project} is not writable: set "writable": true in its configuration to let Retort add files.` };
  }
  if (input.revisions.length === 1 && input.revisions[0] === "heads" && loaded.map.heads.length < 2) {
    return { ok: false, code: "merge:single-head", message: `${project} has ${loaded.map.heads.length === 0 ? "no revisions" : "a single head"}: nothing to merge.` };
  }
  const plan = planMerge(loaded.map, { revisions: input.revisions, message: input.message, branchLabel: input.branchLabel, revisionId: newRevisionId() });
  if (!plan.ok) return { ok: false, code: `merge:${plan.error.code}`, message: plan.error.message };
  let written;
  try {
    written = await writeMergeRevision({ directory: loaded.directory, map: loaded.map, plan: plan.value });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "write error";
    return { ok: false, code: "merge:write-failed", message: `Could not write the merge file into ${project}'s directory (${reason}).` };
  }
  await recordMerge({ actor, project, revision: written.revision, path: written.relativePath, parents: plan.value.downRevisions, message: input.message });
  const after = await getProject({ name: project });
  // The file as it is on disk now, so the page shows exactly what must be committed.
  const content = await readFile(written.path, "utf8").catch(() => "");
  return {
    ok: true,
    data: {
      project, revision: written.revision, path: written.relativePath, content, language: loaded.directory.format === "sql" ? "sql" : "python",
      downRevisions: plan.value.downRevisions, headsAfter: after?.map.heads ?? [],
    },
  };
}
