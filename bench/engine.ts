// Engine benchmark: Retort's parse + graph + heads against `alembic heads` on the same directory.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { planUpgrade } from "../lib/core/plan/plan-upgrade";
import { buildRevisionMap } from "../lib/core/graph/revision-map";
import { loadMigrationDirectory } from "../lib/server/migration-dir";
import { generateAlembicProject } from "../test/compat/generate-project";
import { findAlembicPython } from "../lib/server/alembic-python";

/**
 * Long chains with branches and merges. Real projects declare a handful of branch labels, so the
 * label rate is kept to about one per 250 revisions (the compat generator's default declares one
 * per 12, which makes every revision after a merge carry hundreds of labels).
 */
export const BENCH_GRAPH = { logTable: null, maxBases: 2, mergeRate: 0.05, branchRate: 0.06, labelRate: 0.004 };

export interface EngineRow {
  size: number;
  parseMs: number;
  graphMs: number;
  retortMs: number;
  planHeadsMs: number;
  cliMs: number;
  alembicMs: number | null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

function wallClock(command: string, args: string[], cwd: string): number {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr.toString().slice(0, 500)}`);
  return performance.now() - start;
}

export async function benchEngine(size: number, runs = 5): Promise<EngineRow> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `retort-bench-${size}-`));
  try {
    const project = generateAlembicProject({ seed: 7 + size, size, dir, options: BENCH_GRAPH });
    const parse: number[] = [];
    const graph: number[] = [];
    const plan: number[] = [];
    for (let i = 0; i < runs; i++) {
      const [directory, parseMs] = await timeAsync(() => loadMigrationDirectory({ alembicIni: project.alembicIni }));
      const [map, graphMs] = time(() => buildRevisionMap(directory.sources));
      if (map.heads.length === 0 || directory.problems.length > 0) throw new Error(`bench project did not load cleanly: ${directory.problems[0]?.message}`);
      const [, planMs] = time(() => planUpgrade(map, { target: "heads", rows: [] }));
      parse.push(parseMs);
      graph.push(graphMs);
      plan.push(planMs);
    }
    const cli = path.join(process.cwd(), "bin", "retort.mjs");
    const cliMs = wallClock(process.execPath, [cli, "heads", "--alembic-ini", project.alembicIni, "--json"], dir);
    const python = findAlembicPython();
    const alembicMs = python ? median([0, 1].map(() => wallClock(python, ["-m", "alembic", "-c", project.alembicIni, "heads"], dir))) : null;
    return { size, parseMs: median(parse), graphMs: median(graph), retortMs: median(parse) + median(graph), planHeadsMs: median(plan), cliMs, alembicMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printEngineRows(rows: EngineRow[]): void {
  const fmt = (n: number) => `${n.toFixed(1)} ms`;
  console.log("\nEngine: parse + graph + heads (in process), vs `python3 -m alembic heads`");
  console.log("size   parse      graph     retort    plan heads  retort CLI  alembic heads  ratio (alembic/retort)  ratio vs CLI");
  for (const r of rows) {
    const ratio = r.alembicMs === null ? "n/a" : `${(r.alembicMs / r.retortMs).toFixed(1)}x`;
    const cliRatio = r.alembicMs === null ? "n/a" : `${(r.alembicMs / r.cliMs).toFixed(1)}x`;
    console.log(
      [String(r.size).padEnd(6), fmt(r.parseMs).padEnd(10), fmt(r.graphMs).padEnd(9), fmt(r.retortMs).padEnd(9), fmt(r.planHeadsMs).padEnd(11),
        fmt(r.cliMs).padEnd(11), (r.alembicMs === null ? "alembic not found" : fmt(r.alembicMs)).padEnd(14), ratio.padEnd(23), cliRatio].join(" "),
    );
  }
}

