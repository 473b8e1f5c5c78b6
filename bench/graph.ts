// Graph benchmarks: the lane layout in process, and the project page in headless Chromium
// (first render, panning frame rate) against `next start`.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { findFoldRuns } from "../lib/core/view/fold";
import { layoutRevisionGraph } from "../lib/core/view/layout";
import type { ProjectGraphView } from "../lib/core/view/view-types";
import { loadSqlProject, stampDatabase, writeSqlProject } from "./fixtures";
import { type Cleanup, median, type SharedResources, startNext, tempDir, waitForWarm } from "./harness";
import { measureGraphPage, type PageFigures } from "./graph-page";
import type { Figure } from "./report";

const LAYOUT_TARGET_MS = 50;
const FIRST_RENDER_TARGET_MS = 1_500;
const PAN_TARGET_FPS = 60;

function timeLayout(view: ProjectGraphView, expandedFolds: ReadonlySet<string>, keepVisible: ReadonlySet<string>, runs: number) {
  const samples: number[] = [];
  let nodes = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const layout = layoutRevisionGraph(view, { expandedFolds, keepVisible });
    samples.push(performance.now() - start);
    nodes = layout.nodes.length;
  }
  return { ms: median(samples), nodes };
}

/** `layoutRevisionGraph` as the page calls it: folded (the default) and with every fold opened. */
export async function benchLayout(cleanup: Cleanup, sizes: number[], runs = 15): Promise<Figure[]> {
  const figures: Figure[] = [];
  const root = await tempDir(cleanup, "layout");
  for (const size of sizes) {
    const dir = path.join(root, String(size));
    writeSqlProject({ dir, size, seed: 11 + size });
    const { view } = await loadSqlProject({ name: `graph${size}`, dir });
    const none = new Set<string>();
    const allFolds = new Set(findFoldRuns(view.revisions, none).map((run) => run.id));
    timeLayout(view, none, none, 3); // warm the JIT
    const folded = timeLayout(view, none, none, runs);
    const unfolded = timeLayout(view, allFolds, none, runs);
    const label = size.toLocaleString("en-US");
    figures.push(
      { name: `layout ${label}, folded`, value: folded.ms, unit: "ms", target: LAYOUT_TARGET_MS, note: `${folded.nodes.toLocaleString("en-US")} nodes` },
      { name: `layout ${label}, unfolded`, value: unfolded.ms, unit: "ms", target: LAYOUT_TARGET_MS, note: `${unfolded.nodes.toLocaleString("en-US")} nodes` },
    );
  }
  return figures;
}

const stagingRow = (view: ProjectGraphView) => view.revisions[Math.floor(view.revisions.length / 3)]!.revision;

/** The project page of a generated native SQL project, per size, folded and unfolded. */
export async function benchGraphPage(cleanup: Cleanup, shared: SharedResources, sizes: number[]): Promise<Figure[]> {
  const root = await tempDir(cleanup, "graph-page");
  const postgres = await shared.postgres();
  const projects = [];
  const environments = [];
  const views = new Map<number, ProjectGraphView>();
  for (const size of sizes) {
    const name = `graph${size}`;
    const dir = path.join(root, name);
    writeSqlProject({ dir, size, seed: 11 + size });
    const { view } = await loadSqlProject({ name, dir });
    views.set(size, view);
    // One environment part-way down the history: its row is kept visible, as on a real page.
    const database = `bench_${name}`;
    await postgres.createDatabase(database);
    await stampDatabase(postgres.urlFor(database), [stagingRow(view)]);
    projects.push({ name, dir });
    environments.push({ name: `${name}-staging`, project: name, url: postgres.urlFor(database), protection: "confirm" });
  }
  const config = path.join(root, "retort.config.json");
  await writeFile(config, JSON.stringify({ projects, environments }, null, 2));
  const server = await startNext(cleanup, { config, dataDir: path.join(root, "app"), label: "graph" });
  // The first visit comes once the start-up warm-up has loaded the projects (as a visitor a moment after start would find).
  const warmMs = await waitForWarm(server.url);
  const browser = await shared.browser();

  const figures: Figure[] = [];
  for (const size of sizes) {
    const label = size.toLocaleString("en-US");
    for (const fold of ["folded", "unfolded"] as const) {
      const url = `${server.url}/projects/graph${size}${fold === "unfolded" ? "?fold=off" : ""}`;
      process.stdout.write(`bench: graph page ${label} (${fold})… `);
      const shots = process.env.BENCH_SCREENSHOTS;
      const view = views.get(size)!;
      const keepVisible = new Set([stagingRow(view)]);
      const expandedFolds = fold === "folded" ? new Set<string>() : new Set(findFoldRuns(view.revisions, keepVisible).map((r) => r.id));
      const { lanes } = layoutRevisionGraph(view, { expandedFolds, keepVisible });
      const page = await measureGraphPage({ browser, url, lanes, headers: server.headers, screenshots: shots && path.join(shots, `graph${size}-${fold}`) });
      console.log("done");
      figures.push(...pageFigures(`graph page ${label}, ${fold}`, page, { targets: size === Math.min(...sizes), cold: fold === "folded", warmMs }));
    }
  }
  return figures;
}

function pageFigures(prefix: string, p: PageFigures, show: { targets: boolean; cold: boolean; warmMs: number }): Figure[] {
  // The issue sets the targets at 2,000 revisions; larger sizes are shown against them for scale.
  const target = (t: number) => (show.targets ? t : undefined);
  const figures: Figure[] = [
    { name: `${prefix}: first render (warm, median)`, value: p.firstRenderMs, unit: "ms", target: target(FIRST_RENDER_TARGET_MS),
      note: `HTML ${Math.round(p.htmlBytes / 1024).toLocaleString("en-US")} KB, TTFB ${Math.round(p.ttfbMs)} ms, DOMContentLoaded ${Math.round(p.domContentLoadedMs)} ms, Playwright goto→visible ${Math.round(p.playwrightMs)} ms` },
    { name: `${prefix}: panning`, value: p.panFps, unit: "fps", target: target(PAN_TARGET_FPS),
      note: `idle ${p.idleFps.toFixed(1)} fps; ${p.longFrames} frames > 33 ms, longest ${Math.round(p.longestFrameMs)} ms; zoom ${p.zoom.toFixed(2)} (all lanes in view), moved ${Math.round(p.pannedPx)} px; ${p.emptyFrames} of ${p.panFrames} frames showed no node` },
    { name: `${prefix}: layout nodes`, value: p.layoutNodes, unit: "count",
      note: `${p.renderedNodes} rendered in the DOM after panning, ${p.renderedEdges} edges` },
  ];
  // The first visit of a project after next start: cold page code, browser cache and connections.
  if (show.cold) {
    figures.splice(1, 0, { name: `${prefix}: first render (first visit after next start)`, value: p.coldFirstRenderMs, unit: "ms",
      target: target(FIRST_RENDER_TARGET_MS), note: `TTFB ${Math.round(p.coldTtfbMs)} ms; start-up warm-up done ${Math.round(show.warmMs)} ms after health` });
  }
  return figures;
}
