import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";

// Principle 5: database URLs and passwords never reach the browser. Fetch every page the
// dashboard renders and every static chunk it serves, and look for them.
const DEMO_PASSWORD = "retort-local";

function demoSecrets(): string[] {
  const secrets = ["postgres://", "postgresql://", DEMO_PASSWORD];
  try {
    const env = readFileSync(path.join(".retort", "e2e", "demo.env"), "utf8");
    for (const line of env.split("\n")) {
      const value = line.slice(line.indexOf("=") + 1).trim();
      if (/^postgres(ql)?:\/\//.test(value)) secrets.push(value);
    }
  } catch {
    // No demo.env: the generic patterns above still apply.
  }
  return secrets;
}

function staticChunks(dir = path.join(".next", "static")): string[] {
  const files: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) stack.push(full);
      else if (/\.(js|css|json)$/.test(name)) files.push(`/_next/static/${path.relative(dir, full).split(path.sep).join("/")}`);
    }
  }
  return files;
}

test("no page or client bundle contains a database URL or password", async ({ request, graphView }) => {
  const secrets = demoSecrets();
  const body = (await (await request.get("/api/environments")).json()) as { environments: Array<{ name: string }> };
  const envNames = body.environments.map((e) => e.name);
  const pages = ["/", "/projects/shop", "/projects/ledger", "/projects/shop?env=prod", ...envNames.map((n) => `/environments/${n}`)];
  for (const project of ["shop", "ledger"]) {
    const view = await graphView(project);
    pages.push(`/projects/${project}/revisions/${view.revisions[0].revision}`);
  }

  const assets = new Set(staticChunks());
  for (const url of pages) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    const html = await response.text();
    for (const secret of secrets) expect(html.includes(secret), `${url} contains ${secret.slice(0, 14)}…`).toBe(false);
    for (const match of html.matchAll(/\/_next\/static\/[^"'\s)]+/g)) assets.add(match[0].replace(/\\u0026/g, "&"));
  }
  expect(assets.size).toBeGreaterThan(0);
  for (const asset of assets) {
    const response = await request.get(asset);
    if (response.status() === 404) continue; // a manifest named in the build but not served
    const body = await response.text();
    for (const secret of secrets) expect(body.includes(secret), `${asset} contains ${secret.slice(0, 14)}…`).toBe(false);
  }
});
