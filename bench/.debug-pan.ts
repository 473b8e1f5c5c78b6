import { writeFile } from "node:fs/promises";
import path from "node:path";
import { writeSqlProject } from "./fixtures";
import { Cleanup, sharedResources, startNext, tempDir } from "./harness";
const cleanup = new Cleanup();
try {
  const shared = sharedResources(cleanup);
  const root = await tempDir(cleanup, "dbg");
  writeSqlProject({ dir: path.join(root, "p"), size: 2000, seed: 2011 });
  const config = path.join(root, "c.json");
  await writeFile(config, JSON.stringify({ projects: [{ name: "p", dir: path.join(root, "p") }], environments: [] }));
  const server = await startNext(cleanup, { config, dataDir: path.join(root, "app"), label: "dbg" });
  const browser = await shared.browser();
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, extraHTTPHeaders: server.headers });
  const page = await ctx.newPage();
  page.on("console", (m) => console.log("console:", m.type(), m.text().slice(0, 300)));
  page.on("pageerror", (e) => console.log("pageerror:", e.message));
  await page.goto(`${server.url}/projects/p`);
  await page.locator('[data-testid^="rev-"]').first().waitFor();
  const box = (await page.locator(".react-flow__pane").boundingBox())!;
  const x = box.x + 300, y0 = box.y + box.height - 50;
  for (let i = 0; i < 8; i++) {
    await page.mouse.move(x, y0); await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(x, y0 - 30 * k);
    await page.mouse.up();
    await page.waitForTimeout(400);
    const info = await page.evaluate(`({ n: document.querySelectorAll(".react-flow__node").length, e: document.querySelectorAll(".react-flow__edge").length, t: getComputedStyle(document.querySelector(".react-flow__viewport")).transform })`);
    console.log(i, JSON.stringify(info));
  }
  await page.screenshot({ path: "/tmp/dbg/after.png" });
} finally {
  await cleanup.runAll();
}
