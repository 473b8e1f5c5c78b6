#!/usr/bin/env node
// Runs every test suite (type check, unit, integration, compatibility, end-to-end) and ends
// with one plain line "N passed, N failed" counted from the runners' own JSON reports.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const reports = path.join(root, "test-results", "reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const only = process.argv.slice(2);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
let buildFailed = false;

function run(label, command, args, extraEnv = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  return result.status ?? 1;
}

function count(label, passed, failed, skipped = 0) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  summary.push(`${label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
}

function vitest(project) {
  const file = path.join(reports, `vitest-${project}.json`);
  const status = run(`vitest ${project}`, "npx", ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
  if (!existsSync(file)) return count(`vitest ${project}`, 0, 1);
  const report = JSON.parse(readFileSync(file, "utf8"));
  const failedSuites = report.numFailedTestSuites ?? 0;
  // A suite that fails to load has no tests; count it so a broken file can't pass silently.
  // (vitest may exit 0 when a file fails to load and its tests count as skipped: read `success` too.)
  const broken = status !== 0 || report.success === false || failedSuites > 0;
  const failed = report.numFailedTests + (broken && report.numFailedTests === 0 ? Math.max(1, failedSuites) : 0);
  count(`vitest ${project}`, report.numPassedTests, failed, report.numPendingTests + report.numTodoTests);
}

function playwright() {
  const file = path.join(reports, "playwright.json");
  run("playwright", "npx", ["playwright", "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  if (!existsSync(file)) return count("playwright", 0, 1);
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  count("playwright", stats.expected + stats.flaky, stats.unexpected, stats.skipped);
}

const steps = {
  typecheck: () => count("typecheck", ...(run("typecheck", "npx", ["tsc", "--noEmit", "-p", "."]) === 0 ? [1, 0] : [0, 1])),
  unit: () => vitest("unit"),
  integration: () => vitest("integration"),
  compat: () => vitest("compat"),
  build: () => {
    buildFailed = run("next build", "npx", ["next", "build"]) !== 0;
    count("next build", ...(buildFailed ? [0, 1] : [1, 0]));
  },
  e2e: () => (buildFailed ? count("playwright (not run: the build failed)", 0, 1) : playwright()),
};

for (const [name, step] of Object.entries(steps)) {
  if (only.length > 0 && !only.includes(name)) continue;
  step();
}

console.log("\n" + summary.join("\n"));
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 ? 1 : 0);
