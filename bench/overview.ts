// Overview benchmark: 50 environments across three generated projects, each database stamped
// into one of the states the dashboard tells apart, then GET / and GET /api/environments.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { loadSqlProject, stampDatabase, writeSqlProject, type LoadedSqlProject } from "./fixtures";
import { freePort } from "../lib/server/free-port";
import { type Cleanup, type SharedResources, startNext, tempDir, timeGet, waitForWarm } from "./harness";
import type { Figure } from "./report";

const OVERVIEW_TARGET_MS = 1_000;
const REQUESTS = 7;

type State = "up-to-date" | "behind" | "far-behind" | "one-head" | "empty-table" | "no-table" | "unversioned" | "unknown-row" | "unreachable";
const STATES: State[] = ["up-to-date", "behind", "far-behind", "one-head", "empty-table", "no-table", "unversioned", "unknown-row", "unreachable"];

/** The version rows (null: no table) and extra tables an environment in `state` has. */
function rowsFor(state: State, project: LoadedSqlProject): { rows: string[] | null; userTable?: boolean } {
  const order = project.view.revisions; // children first
  switch (state) {
    case "up-to-date": return { rows: project.map.heads };
    case "behind": return { rows: [order[Math.floor(order.length / 10)]!.revision] };
    case "far-behind": return { rows: [order[Math.floor((order.length * 9) / 10)]!.revision] };
    case "one-head": return { rows: project.map.heads.slice(0, 1) };
    case "empty-table": return { rows: [] };
    case "no-table": return { rows: null };
    case "unversioned": return { rows: null, userTable: true };
    case "unknown-row": return { rows: ["5e1d0c4b3a29"], userTable: true };
    case "unreachable": return { rows: null };
  }
}

export async function benchOverview(
  cleanup: Cleanup,
  shared: SharedResources,
  options: { environments: number; projectSizes: number[] },
): Promise<Figure[]> {
  const root = await tempDir(cleanup, "overview");
  const postgres = await shared.postgres();
  const projects = [];
  for (const [i, size] of options.projectSizes.entries()) {
    const name = `service${i + 1}`;
    const dir = path.join(root, name);
    writeSqlProject({ dir, size, seed: 101 + i });
    projects.push({ name, dir, loaded: await loadSqlProject({ name, dir }) });
  }
  // Nothing listens on a port just found free: "connection refused", as for a database that is down.
  const closedPort = await freePort();
  const environments = [];
  const tally = new Map<State, number>();
  process.stdout.write(`bench: creating ${options.environments} environment databases… `);
  for (let i = 0; i < options.environments; i++) {
    const project = projects[i % projects.length]!;
    const state = STATES[i % STATES.length]!;
    tally.set(state, (tally.get(state) ?? 0) + 1);
    const name = `env${String(i + 1).padStart(2, "0")}-${state}`;
    let url = `postgres://bench:unused@127.0.0.1:${closedPort}/down`;
    if (state !== "unreachable") {
      const database = `bench_overview_${i + 1}`;
      await postgres.createDatabase(database);
      const { rows, userTable } = rowsFor(state, project.loaded);
      url = postgres.urlFor(database);
      await stampDatabase(url, rows, { userTable });
    }
    environments.push({ name, project: project.name, url, protection: i % 5 === 0 ? "confirm" : "none" });
  }
  console.log("done");
  const config = path.join(root, "retort.config.json");
  await writeFile(config, JSON.stringify({ projects: projects.map(({ name, dir }) => ({ name, dir })), environments }, null, 2));
  const server = await startNext(cleanup, { config, dataDir: path.join(root, "app"), label: "overview" });

  const warmMs = await waitForWarm(server.url);
  const page = await timeGet(`${server.url}/`, server.headers, REQUESTS);
  const api = await timeGet(`${server.url}/api/environments`, server.headers, REQUESTS);
  for (const [what, t] of [["GET /", page], ["GET /api/environments", api]] as const) {
    if (t.status !== 200) throw new Error(`${what} answered ${t.status}; is the sign-in accepted?`);
  }
  await expectRealAnswers(server, environments.length, tally.get("unreachable") ?? 0);
  const label = `${options.environments} envs, projects of ${options.projectSizes.map((s) => s.toLocaleString("en-US")).join("/")} revisions`;
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
  console.log(`bench: overview environment states: ${[...tally].map(([s, n]) => `${s} ×${n}`).join(", ")}`);
  return [
    { name: `GET / (${label}), median`, value: page.medianMs, unit: "ms", target: OVERVIEW_TARGET_MS,
      note: `headers after ${Math.round(page.medianHeadersMs)} ms, ${kb(page.bytes)}` },
    { name: "GET / first request after next start (after the start-up warm-up)", value: page.coldMs, unit: "ms", target: OVERVIEW_TARGET_MS,
      note: `the start-up warm-up finished ${Math.round(warmMs)} ms after the server answered health` },
    { name: "GET /api/environments, median", value: api.medianMs, unit: "ms", target: OVERVIEW_TARGET_MS, note: kb(api.bytes) },
  ];
}

/**
 * Fast answers only count when they are the right ones: every environment but the dead ones must
 * have been read (a database refusing connections, "too many connections" say, answers quickly too).
 */
async function expectRealAnswers(server: { url: string; headers: Record<string, string> }, count: number, dead: number): Promise<void> {
  const response = await fetch(`${server.url}/api/environments`, { headers: server.headers });
  const { environments } = (await response.json()) as { environments: { name: string; status: string; reason?: string }[] };
  const unreachable = environments.filter((e) => e.status === "unreachable");
  if (environments.length !== count || unreachable.length !== dead) {
    const reasons = [...new Set(unreachable.map((e) => e.reason ?? "no reason"))].slice(0, 3).join("; ");
    throw new Error(`the overview read ${environments.length - unreachable.length} of ${count - dead} live environments (${reasons}): its timings would not mean anything`);
  }
}
