// Generated native SQL projects for the dashboard benchmarks, and the graph view the dashboard
// builds from them (loaded exactly as lib/server/projects.ts does).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { historyOrder } from "../lib/core/graph/history";
import { buildRevisionMap, type RevisionMap } from "../lib/core/graph/revision-map";
import type { ProjectGraphView } from "../lib/core/view/view-types";
import { loadMigrationDirectory } from "../lib/server/migration-dir";
import { toNodeView } from "../lib/server/projects";
import { generateGraph, type GraphNode } from "../test/compat/generate-graph";
import { createRng } from "../test/compat/prng";

// Long chains with occasional branches and merges, two roots, a few depends_on, and branch
// labels as rare as in real projects (a dozen or so): each label is carried by every descendant
// in the view, so the generator's default 8% rate would make the page payload balloon.
const GRAPH_OPTIONS = { maxBases: 2, branchRate: 0.06, mergeRate: 0.05, dependsOnRate: 0.03, labelRate: 0.003, legacyFileRate: 0 };

export interface SqlProject {
  dir: string;
  size: number;
}

/** Writes `size` native SQL revision files into `dir` (created if missing). */
export function writeSqlProject({ dir, size, seed }: { dir: string; size: number; seed: number }): SqlProject {
  mkdirSync(dir, { recursive: true });
  const nodes = generateGraph(createRng(seed), size, GRAPH_OPTIONS);
  const width = String(size).length;
  nodes.forEach((node, i) => {
    const slug = node.message.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "").toLowerCase().slice(0, 40);
    writeFileSync(path.join(dir, `${String(i + 1).padStart(width, "0")}_${slug}.sql`), renderSql(node, i));
  });
  return { dir, size };
}

function renderSql(node: GraphNode, index: number): string {
  const header = [`-- revision: ${node.revision}`];
  if (node.downRevisions.length > 0) header.push(`-- down_revision: ${node.downRevisions.join(", ")}`);
  if (node.branchLabels.length > 0) header.push(`-- branch_labels: ${node.branchLabels.join(", ")}`);
  if (node.dependsOn.length > 0) header.push(`-- depends_on: ${node.dependsOn.join(", ")}`);
  header.push(`-- message: ${node.message.replace(/\s+/g, " ")}`);
  const day = new Date(Date.UTC(2020, 0, 1) + index * 3_600_000).toISOString().replace("T", " ").slice(0, 19);
  header.push(`-- create_date: ${day}`, "-- transactional: true");
  return `${header.join("\n")}\n\n-- migrate:up\nSELECT 1;\n\n-- migrate:down\nSELECT 1;\n`;
}

export interface LoadedSqlProject {
  map: RevisionMap;
  view: ProjectGraphView;
}

/** The ProjectGraphView `getProjectGraphView` would serve for this directory. */
export async function loadSqlProject({ name, dir }: { name: string; dir: string }): Promise<LoadedSqlProject> {
  const directory = await loadMigrationDirectory({ dir });
  const map = buildRevisionMap(directory.sources);
  const problems = [...directory.problems, ...map.problems].filter((p) => p.severity !== "warning");
  if (problems.length > 0) throw new Error(`generated project ${name} has problems: ${problems[0]!.message}`);
  const revisions = historyOrder(map).map((id) => toNodeView(map.get(id)!));
  const view: ProjectGraphView = {
    project: name,
    format: directory.format,
    revisions,
    heads: map.heads,
    realHeads: map.realHeads,
    bases: map.bases,
    problems: [...directory.problems, ...map.problems],
  };
  return { map, view };
}

/**
 * Writes a version table as Alembic would leave it: `rows` as its rows, or no table at all
 * (null). `userTable` adds an application table beside it.
 */
export async function stampDatabase(url: string, rows: string[] | null, options: { userTable?: boolean } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    if (options.userTable) await client.query("CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL)");
    if (rows === null) return;
    await client.query(
      "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
    );
    for (const row of rows) await client.query("INSERT INTO alembic_version (version_num) VALUES ($1)", [row]);
  } finally {
    await client.end().catch(() => undefined);
  }
}
