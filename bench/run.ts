// `npm run bench`: prints Retort's timings beside the reference's and the dashboard's against
// their targets, with ratios. Not a test: it asserts nothing.
//
//   BENCH_PARTS=cli,engine,parse,layout,graph,overview,drift   which parts to run (default: all)
//   BENCH_CLI_RUNS=7  BENCH_CLI_SIZE=5000      whole-process runs per command, big project size
//   BENCH_SIZES=1000,5000                      engine sizes
//   BENCH_PARSE_SIZE=5000                      revisions in the parse part's generated project
//   BENCH_GRAPH_SIZES=2000,5000                layout and graph page sizes
//   BENCH_OVERVIEW_ENVS=50  BENCH_OVERVIEW_SIZES=2000,500,200
//   BENCH_BUILD=1                              rebuild even when .next/BUILD_ID exists
//   BENCH_DRIFT_TABLES=500  BENCH_DRIFT_REVISIONS=1000
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { benchCli, type CliResults, printCliResults } from "./cli";
import { benchEngine, printEngineRows } from "./engine";
import { benchGraphPage, benchLayout } from "./graph";
import { buildChangedSinceStart, Cleanup, ensureBuild, loadAverage, repoRoot, sharedResources } from "./harness";
import { benchOverview } from "./overview";
import { benchParse, printParseRows } from "./parse";
import { type Figure, printFigures } from "./report";

const PARTS = ["cli", "engine", "parse", "layout", "graph", "overview", "drift"] as const;
type Part = (typeof PARTS)[number];

const numbers = (text: string) => text.split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0);
const parts = new Set((process.env.BENCH_PARTS ?? PARTS.join(",")).split(",").map((p) => p.trim()) as Part[]);
const unknown = [...parts].filter((p) => !PARTS.includes(p));
if (unknown.length > 0) {
  console.error(`bench: unknown part(s) ${unknown.join(", ")}; choose from ${PARTS.join(", ")}`);
  process.exit(2);
}
const graphSizes = numbers(process.env.BENCH_GRAPH_SIZES ?? "2000,5000");

console.log(`bench: load average ${loadAverage()}`);
const results: { startedAt: string; loadAverage: string; cli?: CliResults; engine?: unknown; sections?: Record<string, Figure[]> } = {
  startedAt: new Date().toISOString(),
  loadAverage: loadAverage(),
};
if (parts.has("cli")) {
  const { execFileSync } = await import("node:child_process");
  execFileSync(process.execPath, [path.join(repoRoot, "scripts", "build-cli.mjs"), "--if-stale"], { stdio: "inherit" });
  results.cli = await benchCli({ runs: Number(process.env.BENCH_CLI_RUNS ?? 7), size: Number(process.env.BENCH_CLI_SIZE ?? 5000) });
  printCliResults(results.cli);
}
if (parts.has("engine")) {
  const rows = [];
  for (const size of numbers(process.env.BENCH_SIZES ?? "1000,5000")) {
    process.stdout.write(`benchmarking ${size} revisions…\n`);
    rows.push(await benchEngine(size));
  }
  printEngineRows(rows);
  results.engine = rows;
}
if (parts.has("parse")) printParseRows(benchParse(Number(process.env.BENCH_PARSE_SIZE ?? 5000)));

const cleanup = new Cleanup();
const stop = () => void cleanup.runAll().finally(() => process.exit(130));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
const sections: [string, Figure[]][] = [];
let failed = false;
try {
  const shared = sharedResources(cleanup);
  if (parts.has("layout")) sections.push(["Graph layout (layoutRevisionGraph, median of 15)", await benchLayout(cleanup, graphSizes)]);
  if (parts.has("graph") || parts.has("overview")) await ensureBuild();
  if (parts.has("graph")) sections.push(["Graph page in headless Chromium (targets at the smallest size)", await benchGraphPage(cleanup, shared, graphSizes)]);
  // drift.ts reaches test helpers that import vitest: loaded only when its part runs.
  const benchDrift = parts.has("drift") ? (await import("./drift")).benchDrift : null;
  if (benchDrift) sections.push(["Schema drift (introspection, baseline search)", await benchDrift(cleanup, shared, { tables: Number(process.env.BENCH_DRIFT_TABLES ?? 500), revisions: Number(process.env.BENCH_DRIFT_REVISIONS ?? 1000) })]);
  if (parts.has("overview")) {
    const options = { environments: Number(process.env.BENCH_OVERVIEW_ENVS ?? 50), projectSizes: numbers(process.env.BENCH_OVERVIEW_SIZES ?? "2000,500,200") };
    sections.push(["Overview (next start, trusted-proxy sign-in, 1 cold + 7 sequential requests)", await benchOverview(cleanup, shared, options)]);
  }
} catch (error) {
  failed = true;
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (buildChangedSinceStart()) console.error("bench: .next was rebuilt by someone else during the run; run again when no build is going on");
} finally {
  await cleanup.runAll();
}
for (const [title, figures] of sections) printFigures(title, figures);
if (sections.length > 0) console.log(`\nload average at the end: ${loadAverage()}`);

// The run as data, so a change can be compared with the last one (bench/results/latest.json).
results.sections = Object.fromEntries(sections);
const resultsDir = path.join(repoRoot, "bench", "results");
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, "latest.json"), `${JSON.stringify({ ...results, finishedAt: new Date().toISOString(), loadAverageAtEnd: loadAverage() }, null, 2)}\n`);
console.log(`\nbench: results written to ${path.relative(process.cwd(), path.join(resultsDir, "latest.json"))}`);
// Set last: what the parts load (Playwright, the database drivers) may set process.exitCode on the way.
if (failed) {
  console.error("bench: a part failed (above); its figures are missing from the table and the JSON");
  process.exitCode = 1;
}
