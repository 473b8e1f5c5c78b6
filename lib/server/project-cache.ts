import "server-only";
import { type Dirent, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { buildRevisionMap, type RevisionMap } from "../core/graph/revision-map";
import type { PlanStep, Problem, RevisionSource } from "../core/types";
import type { PendingStepView } from "../core/view/view-types";
import { loadConfig, type ProjectConfig } from "./config";
import { loadMigrationDirectory, type MigrationDirectory } from "./migration-dir";
import { processState } from "./process-state";

// Configured projects, loaded and built once per process and rebuilt when their files change
// (a stat of every file the load read: names, sizes, mtimes).

export interface LoadedProject {
  config: ProjectConfig;
  directory: MigrationDirectory;
  map: RevisionMap;
  /** Loading problems followed by graph problems. */
  problems: Problem[];
  sourcesById: ReadonlyMap<string, RevisionSource>;
}

interface CacheEntry {
  configKey: string;
  signature: string;
  project: LoadedProject;
}

// One per process, not per route bundle (see process-state.ts): the projects the server's start
// loads in the background (server-start.ts) are then the ones every page finds.
const cache = processState("project-cache", () => new Map<string, CacheEntry>());
const inFlight = processState("project-cache-in-flight", () => new Map<string, Promise<LoadedProject>>());

export function listProjectConfigs(): ProjectConfig[] {
  const result = loadConfig();
  return result.ok ? result.config.projects : [];
}

/** The project, loaded from disk unless nothing it was built from has changed. Null if unknown. */
export async function getProject({ name }: { name: string }): Promise<LoadedProject | null> {
  const config = listProjectConfigs().find((p) => p.name === name);
  if (!config) return null;
  const configKey = JSON.stringify(config);
  const key = `${name}\0${configKey}`;
  const running = inFlight.get(key);
  if (running) return running;
  const loading = refresh(name, config, configKey).finally(() => inFlight.delete(key));
  inFlight.set(key, loading);
  return loading;
}

async function refresh(name: string, config: ProjectConfig, configKey: string): Promise<LoadedProject> {
  const cached = cache.get(name);
  if (cached && cached.configKey === configKey) {
    const signature = await fileSignature(cached.project.directory);
    if (signature === cached.signature) return cached.project;
  }
  const directory = await loadMigrationDirectory({ dir: config.dir, alembicIni: config.alembicIni, cwd: config.baseDir });
  const map = buildRevisionMap(directory.sources);
  const project: LoadedProject = {
    config,
    directory,
    map,
    problems: [...directory.problems, ...map.problems],
    sourcesById: new Map(directory.sources.map((s) => [s.revision, s])),
  };
  cache.set(name, { configKey, signature: await fileSignature(directory), project });
  return project;
}

/**
 * Names, sizes and mtimes of everything the load read: changes on any edit. Runs on every page
 * request, so it uses synchronous stats: thousands of awaited ones cost hundreds of milliseconds.
 */
async function fileSignature(directory: MigrationDirectory): Promise<string> {
  const parts: string[] = [];
  if (directory.alembicIni) parts.push(statPart(directory.alembicIni));
  // Constants modules a revision's values were read from (neutron's cli.py) change the graph too.
  for (const file of directory.importedModules ?? []) parts.push(statPart(file));
  const stack = [...directory.versionDirectories];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      parts.push(`${dir}:missing`);
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else parts.push(statPart(full));
    }
  }
  return parts.sort().join("\n");
}

function statPart(file: string): string {
  const info = statSync(file, { throwIfNoEntry: false });
  return info ? `${file}:${info.size}:${info.mtimeMs}` : `${file}:missing`;
}

/** A planned step as pages show it: the revision's message and, for native SQL, what it runs. */
export function stepView(project: Pick<LoadedProject, "map" | "sourcesById">, step: PlanStep): PendingStepView & { rowsAfter: string[] } {
  const view: PendingStepView & { rowsAfter: string[] } = {
    revision: step.revision,
    message: project.map.get(step.revision)?.message ?? "",
    direction: step.direction,
    versionOps: step.versionOps,
    rowsAfter: step.rowsAfter,
  };
  const sql = project.sourcesById.get(step.revision)?.sql;
  if (sql) {
    view.sql = step.direction === "up" ? sql.up : sql.down;
    view.transactional = sql.transactional;
  }
  return view;
}
