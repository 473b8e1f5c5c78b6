// One project page in headless Chromium: time to the first visible revision node (the server-
// rendered first screen's or React Flow's, whichever paints first: both are the real revision
// cards), then the frame rate while dragging React Flow's pane.
import type { Browser, Page } from "@playwright/test";
import { LANE_WIDTH } from "../lib/core/view/layout";
import { median } from "./harness";

export interface PageFigures {
  firstRenderMs: number;
  ttfbMs: number;
  domContentLoadedMs: number;
  playwrightMs: number;
  /** The HTML document (with the inlined RSC payload that carries the graph view). */
  htmlBytes: number;
  coldFirstRenderMs: number;
  coldTtfbMs: number;
  idleFps: number;
  panFps: number;
  longFrames: number;
  longestFrameMs: number;
  /** Frames during panning with no node in the DOM, of all frames counted. */
  emptyFrames: number;
  panFrames: number;
  pannedPx: number;
  zoom: number;
  layoutNodes: number;
  renderedNodes: number;
  renderedEdges: number;
}

const REVISION_NODE = '[data-testid^="rev-"]';
const WARM_RUNS = 3;
const PAN_MS = 2_000;

declare global {
  interface Window {
    __benchFirstRev?: number;
    __benchFrames?: number[];
    __benchNodes?: number[];
    __benchStop?: boolean;
  }
}

// Runs before the page's own scripts: checks every frame for a visible revision node and records
// performance.now() (milliseconds since navigation start) of the first frame that has one.
// Page scripts are strings: tsx's transform of a function would reference helpers the page lacks.
const FIRST_RENDER_PROBE = `(() => {
  const check = () => {
    const el = document.querySelector(${JSON.stringify(REVISION_NODE)});
    if (el) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden") {
        window.__benchFirstRev = performance.now();
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

// Each counter stops for good when told: a stopped loop's last callback must not count on.
// Also samples how many nodes are in the DOM each frame: panning must not show an empty pane.
const FRAME_COUNTER = `(() => {
  const frames = (window.__benchFrames = []);
  const nodes = (window.__benchNodes = []);
  window.__benchStop = false;
  const tick = (t) => {
    if (window.__benchFrames !== frames || window.__benchStop) return;
    frames.push(t);
    nodes.push(document.querySelectorAll(".react-flow__node").length);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

interface Load {
  firstRenderMs: number;
  ttfbMs: number;
  domContentLoadedMs: number;
  playwrightMs: number;
  htmlBytes: number;
}

async function load(page: Page, url: string): Promise<Load> {
  const start = performance.now();
  const response = await page.goto(url, { waitUntil: "commit" });
  if (!response || response.status() !== 200) throw new Error(`GET ${url} answered ${response?.status()}`);
  await page.locator(REVISION_NODE).first().waitFor({ state: "visible", timeout: 60_000 });
  const playwrightMs = performance.now() - start;
  await page.waitForFunction(() => window.__benchFirstRev !== undefined);
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return { firstRenderMs: window.__benchFirstRev!, ttfbMs: nav?.responseStart ?? NaN, domContentLoadedMs: nav?.domContentLoadedEventEnd ?? NaN };
  });
  return { ...timing, playwrightMs, htmlBytes: (await response.body()).byteLength };
}

async function frameRate(page: Page, during: () => Promise<void>) {
  await page.evaluate(FRAME_COUNTER);
  await during();
  const { frames, nodes } = await page.evaluate(() => {
    window.__benchStop = true;
    return { frames: window.__benchFrames!, nodes: window.__benchNodes! };
  });
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
  const span = frames.length > 1 ? frames[frames.length - 1]! - frames[0]! : 1;
  return {
    fps: (gaps.length * 1000) / span,
    longFrames: gaps.filter((g) => g > 33).length,
    longestMs: Math.max(0, ...gaps),
    emptyFrames: nodes.filter((n) => n === 0).length,
    frames: frames.length,
    nodesAtEnd: nodes[nodes.length - 1] ?? 0,
  };
}

const viewportTransform = (page: Page) =>
  page.locator(".react-flow__viewport").evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform));

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

/**
 * Zooms out (mouse wheel) until every lane fits the pane's width, then moves lane 0 to the left
 * edge: at the default zoom the lanes of a wide history run off the right and a straight pan
 * down soon shows an empty pane. Returns the zoom.
 */
async function fitLanes(page: Page, lanes: number): Promise<number> {
  const box = (await page.locator(".react-flow__pane").boundingBox())!;
  const wanted = box.width / (lanes * LANE_WIDTH + 40);
  await page.mouse.move(box.x + 20, box.y + 20);
  for (let i = 0; i < 20 && (await viewportTransform(page)).a > wanted; i++) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(60);
  }
  const { e } = await viewportTransform(page);
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await drag(page, centre, { x: centre.x + 20 - e, y: centre.y }, 10);
  return (await viewportTransform(page)).a;
}

/** Drags the pane upwards in repeated strokes (walking down the history) for PAN_MS. */
async function pan(page: Page): Promise<number> {
  const box = await page.locator(".react-flow__pane").boundingBox();
  if (!box) throw new Error("no React Flow pane on the page");
  const x = box.x + box.width * 0.4;
  const top = box.y + 40;
  const bottom = box.y + box.height - 40;
  const strokeMs = 400;
  const before = await viewportTransform(page);
  const start = performance.now();
  while (performance.now() - start < PAN_MS) {
    await page.mouse.move(x, bottom);
    await page.mouse.down();
    const strokeStart = performance.now();
    for (let t = 0; t < strokeMs; t = performance.now() - strokeStart) {
      await page.mouse.move(x, bottom - ((bottom - top) * t) / strokeMs);
    }
    await page.mouse.move(x, top);
    await page.mouse.up();
  }
  const after = await viewportTransform(page);
  return Math.hypot(after.e - before.e, after.f - before.f);
}

export async function measureGraphPage({ browser, url, lanes, headers, screenshots }: {
  browser: Browser;
  url: string;
  /** The layout's lane count: the pan runs zoomed out so that all of them fit. */
  lanes: number;
  headers: Record<string, string>;
  /** Path prefix for screenshots after load and after panning (BENCH_SCREENSHOTS). */
  screenshots?: string;
}): Promise<PageFigures> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, extraHTTPHeaders: headers });
  try {
    await context.addInitScript(FIRST_RENDER_PROBE);
    // The first request after start (or after the project changed) loads and parses the directory.
    const coldPage = await context.newPage();
    const cold = await load(coldPage, url);
    await coldPage.close();
    const warm: Load[] = [];
    let page: Page | null = null;
    for (let i = 0; i < WARM_RUNS; i++) {
      await page?.close();
      page = await context.newPage();
      warm.push(await load(page, url));
    }
    page = page!;
    await page.waitForTimeout(300);
    if (screenshots) await page.screenshot({ path: `${screenshots}-loaded.png` });
    const idle = await frameRate(page, () => page!.waitForTimeout(1_000));
    const zoom = await fitLanes(page, lanes);
    let pannedPx = 0;
    const panning = await frameRate(page, async () => void (pannedPx = await pan(page!)));
    if (screenshots) await page.screenshot({ path: `${screenshots}-panned.png` });
    const counts = await page.evaluate(() => ({
      layoutNodes: Number(document.querySelector('[data-testid="revision-graph"]')?.getAttribute("data-rows") ?? NaN),
      renderedNodes: document.querySelectorAll(".react-flow__node").length,
      renderedEdges: document.querySelectorAll(".react-flow__edge").length,
    }));
    const pick = (key: keyof Load) => median(warm.map((w) => w[key]));
    return {
      firstRenderMs: pick("firstRenderMs"),
      ttfbMs: pick("ttfbMs"),
      domContentLoadedMs: pick("domContentLoadedMs"),
      playwrightMs: pick("playwrightMs"),
      htmlBytes: pick("htmlBytes"),
      coldFirstRenderMs: cold.firstRenderMs,
      coldTtfbMs: cold.ttfbMs,
      idleFps: idle.fps,
      panFps: panning.fps,
      longFrames: panning.longFrames,
      longestFrameMs: panning.longestMs,
      emptyFrames: panning.emptyFrames,
      panFrames: panning.frames,
      pannedPx,
      zoom,
      ...counts,
    };
  } finally {
    await context.close();
  }
}
