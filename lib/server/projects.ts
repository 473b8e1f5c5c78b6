import "server-only";
import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { historyOrder } from "../core/graph/history";
import type { MigrationFormat, Revision } from "../core/types";
import type { ProjectGraphView, RevisionDetailView, RevisionNodeView } from "../core/view/view-types";
import { loadConfig } from "./config";
import { readEnvironmentState } from "./environment-reader";
import { getProject, listProjectConfigs, type LoadedProject } from "./project-cache";

// What the dashboard shows about projects: summaries, the graph, one revision in detail.

export { getProject, type LoadedProject } from "./project-cache";

export interface ProjectSummary {
  name: string;
  format: MigrationFormat | null;
  writable: boolean;
  revisionCount: number;
  heads: string[];
  realHeads: string[];
  problemCount: number;
}

export async function listProjects(): Promise<ProjectSummary[]> {
  const projects = await Promise.all(listProjectConfigs().map((p) => getProject({ name: p.name })));
  return projects
    .filter((p): p is LoadedProject => p !== null)
    .map(({ config, directory, map, problems }) => ({
      name: config.name,
      format: config.format ?? directory.format,
      writable: config.writable,
      revisionCount: map.revisions.length,
      heads: map.heads,
      realHeads: map.realHeads,
      problemCount: problems.filter((p) => p.severity !== "warning").length,
    }));
}

export function toNodeView(revision: Revision): RevisionNodeView {
  return {
    revision: revision.revision,
    message: revision.message,
    downRevisions: revision.downRevisions,
    dependsOn: revision.resolvedDependencies,
    branchLabels: [...revision.branchLabels].sort(),
    path: revision.path,
    createDate: revision.createDate,
    isHead: revision.isHead,
    isRealHead: revision.isRealHead,
    isEffectiveHead: revision.isEffectiveHead,
    isBase: revision.isBase,
    isBranchPoint: revision.isBranchPoint,
    isMergePoint: revision.isMergePoint,
  };
}

export async function getProjectGraphView({ project }: { project: string }): Promise<ProjectGraphView | null> {
  const loaded = await getProject({ name: project });
  if (!loaded) return null;
  const { map, directory, config } = loaded;
  const revisions = historyOrder(map).map((id) => toNodeView(map.get(id)!));
  return {
    project,
    format: config.format ?? directory.format,
    revisions,
    heads: map.heads,
    realHeads: map.realHeads,
    bases: map.bases,
    problems: loaded.problems,
  };
}


export async function getRevisionDetail({
  project,
  revision,
}: {
  project: string;
  revision: string;
}): Promise<RevisionDetailView | null> {
  const loaded = await getProject({ name: project });
  const rev = loaded?.map.get(revision);
  if (!loaded || !rev) return null;
  const { map } = loaded;
  const [source, appliedIn] = await Promise.all([readSource(loaded, rev), environmentsApplying(loaded, rev.revision)]);
  return {
    project,
    node: toNodeView(rev),
    children: rev.nextRevisions,
    dependents: rev.allNextRevisions.filter((id) => map.get(id)?.resolvedDependencies.includes(rev.revision)),
    longDoc: rev.longDoc,
    source,
    sourceLanguage: rev.format === "sql" ? "sql" : "python",
    appliedIn,
    labels: rev.propagatedLabels,
  };
}

/** The revision file's text, refusing any path that leads outside the project's directories. */
async function readSource(loaded: LoadedProject, rev: Revision): Promise<string> {
  const { directory } = loaded;
  const file = path.resolve(directory.root, rev.path);
  const real = await realpath(file).catch(() => null);
  if (!real) return "";
  const allowed = await Promise.all(
    [directory.root, ...directory.versionDirectories].map((dir) => realpath(dir).catch(() => null)),
  );
  const inside = allowed.some((dir) => dir !== null && isInside(real, dir));
  if (!inside) return "";
  return readFile(real, "utf8").catch(() => "");
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/** Environments of this project whose version rows imply the revision (it or a descendant is applied). */
async function environmentsApplying(loaded: LoadedProject, revision: string): Promise<string[]> {
  const config = loadConfig();
  if (!config.ok) return [];
  const envs = config.config.environments.filter((e) => e.project === loaded.config.name);
  const states = await Promise.all(envs.map((env) => readEnvironmentState({ env })));
  return envs
    .filter((_env, i) => {
      const state = states[i]!;
      if (!state.reachable) return false;
      const known = state.rows.filter((row) => loaded.map.get(row));
      return known.includes(revision) || loaded.map.ancestors(known).has(revision);
    })
    .map((env) => env.name);
}
