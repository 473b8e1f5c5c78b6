// The demo's lifecycle: PostgreSQL up, seed once, write the config, serve, stop cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { ensureDemoAdmin } from "../lib/server/auth/demo-admin";
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from "../lib/server/embedded-postgres";
import { stopEmbeddedMeta, stopEmbeddedMetaOnExit } from "../lib/server/meta/embedded";
import { closeMeta } from "../lib/server/meta/pool";
import { prepareBackendEnvironments, type BackendEnvironment } from "./demo-backends";
import { DEMO_ENVIRONMENTS, seedContext, urlVariable } from "./demo-environments";
import { freePort } from "../lib/server/free-port";

/** What `npm run demo` was asked for (scripts/demo.ts parses the command line). */
export interface DemoOptions {
  reset: boolean;
  port: number;
  dataDir: string;
  build: boolean;
  server: boolean;
}

// Bump when the seeded states change, so an old data directory is seeded again.
const SEED_VERSION = 1;

export async function runDemo(options: DemoOptions, repoRoot: string): Promise<number> {
  if (process.env.RETORT_CONFIG) console.warn("demo: ignoring RETORT_CONFIG; the demo writes and uses its own configuration");
  const files = demoFiles(options.dataDir);
  await fs.mkdir(options.dataDir, { recursive: true });
  // Users, session secret and audit data of the demo live in its own directory, for this
  // process (which creates the demo admin) and for `next start` alike.
  process.env.RETORT_DATA_DIR = files.app;
  delete process.env.RETORT_USERS_FILE;
  delete process.env.RETORT_SESSION_SECRET;
  if (options.server && !(await isPortFree(options.port))) {
    console.error(`demo: port ${options.port} is already in use; pass --port N`);
    return 1;
  }
  // An interrupted or outdated seed starts over rather than leaving half-seeded databases.
  const reseed = options.reset || (await readSeedVersion(files.marker)) !== SEED_VERSION;
  if (reseed) {
    await fs.rm(files.marker, { force: true });
    // Users, sessions and audit records describe the old databases: start those over too
    // (stopping first the metadata database that a killed earlier run may have left running there).
    await stopEmbeddedMeta(files.app);
    await fs.rm(files.app, { recursive: true, force: true });
  }
  // The server starts the metadata database in files.app on first use; the demo stops it on exit.
  await stopEmbeddedMetaOnExit(files.app);

  console.log(reseed ? "demo: starting PostgreSQL (fresh data)…" : "demo: starting PostgreSQL…");
  const server = await startEmbeddedPostgres({ dataDir: files.pg, port: await freePort(), reset: reseed });
  const stopPostgres = once(() => withTimeout(server.stop(), 15_000).catch(() => undefined));
  try {
    const python = await seedIfNeeded(reseed, server, repoRoot, files);
    const backends = await prepareBackendEnvironments({ projectsDir: files.projects, dataDir: options.dataDir, reseed, repoRoot });
    // Drift replays go on the demo's own cluster rather than a second embedded one.
    const scratch = { RETORT_SCRATCH_POSTGRES_URL: process.env.RETORT_SCRATCH_POSTGRES_URL ?? server.urlFor("postgres") };
    const variables = { RETORT_DATA_DIR: files.app, ...scratch, ...(await environmentUrls(server)), ...backendUrls(backends) };
    await writeConfig(files, python, backends);
    await fs.writeFile(files.env, formatVariables({ RETORT_CONFIG: files.config, ...variables }), { mode: 0o600 });
    printSummary(backends);
    if (!options.server) {
      console.log(`\nVariables for \`next start\` (also in ${files.env}):\n`);
      console.log(formatVariables({ RETORT_CONFIG: files.config, NEXT_TELEMETRY_DISABLED: "1", ...variables }));
      console.log(`Sign in as the demo admin: http://localhost:<port>${(await ensureDemoAdmin()).path}`);
      console.log("PostgreSQL is running; press Ctrl-C to stop it.");
      await waitForSignal();
      return 0;
    }
    return await serve(options, repoRoot, { RETORT_CONFIG: files.config, ...variables });
  } catch (error) {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await stopPostgres();
    await closeMeta();
  }
}

function demoFiles(dataDir: string) {
  return {
    pg: path.join(dataDir, "pg"),
    marker: path.join(dataDir, "seeded.json"),
    config: path.join(dataDir, "retort.config.json"),
    env: path.join(dataDir, "demo.env"),
    projects: path.join(dataDir, "projects"),
    app: path.join(dataDir, "app"),
  };
}
type DemoFiles = ReturnType<typeof demoFiles>;

async function readSeedVersion(marker: string): Promise<number | null> {
  const text = await fs.readFile(marker, "utf8").catch(() => null);
  try {
    return text ? (JSON.parse(text) as { version?: number }).version ?? null : null;
  } catch {
    return null;
  }
}

/** Seeds on first run; returns the Python that runs the ledger's Alembic (recorded in the marker). */
async function seedIfNeeded(reseed: boolean, server: EmbeddedPostgresServer, repoRoot: string, files: DemoFiles): Promise<string> {
  if (!reseed) {
    const marker = JSON.parse(await fs.readFile(files.marker, "utf8")) as { python?: string };
    return marker.python ?? "python3";
  }
  // The demo works on its own copy of the sample projects, so merges made in the browser
  // never touch the repository and --reset brings the originals back.
  await fs.rm(files.projects, { recursive: true, force: true });
  await fs.cp(path.join(repoRoot, "migrations"), files.projects, { recursive: true, filter: (src) => !src.includes("__pycache__") });
  const ctx = await seedContext(files.projects);
  for (const env of DEMO_ENVIRONMENTS) {
    if (!env.database || !env.seed) continue;
    process.stdout.write(`demo: seeding ${env.name}… `);
    await server.createDatabase(env.database);
    const note = await env.seed(ctx, server.urlFor(env.database));
    console.log(note ? `done (${note})` : "done");
  }
  const python = ctx.alembicPython ?? "python3";
  await fs.writeFile(files.marker, JSON.stringify({ version: SEED_VERSION, seededAt: new Date().toISOString(), python }, null, 2));
  return python;
}

async function environmentUrls(server: EmbeddedPostgresServer): Promise<Record<string, string>> {
  // Nothing listens on a port we just found free: "connection refused", as for a database that is down.
  const closedPort = await freePort();
  const variables: Record<string, string> = {};
  for (const env of DEMO_ENVIRONMENTS) {
    variables[urlVariable(env.name)] = env.database
      ? server.urlFor(env.database)
      : `postgres://analytics:unused@127.0.0.1:${closedPort}/analytics`;
  }
  return variables;
}

function backendUrls(backends: BackendEnvironment[]): Record<string, string> {
  return Object.fromEntries(backends.filter((b) => b.url).map((b) => [urlVariable(b.name), b.url!]));
}

async function writeConfig(files: DemoFiles, python: string, backends: BackendEnvironment[]): Promise<void> {
  const ledger = path.join(files.projects, "ledger");
  const config = {
    projects: [
      { name: "shop", dir: path.join(files.projects, "shop"), writable: true },
      // A project with a cycle and a missing parent: the dashboard must still draw it and say why.
      { name: "broken", dir: path.join(files.projects, "broken"), writable: false },
      {
        name: "ledger",
        alembicIni: path.join(ledger, "alembic.ini"),
        alembic: { command: [python, "-m", "alembic", "-c", "alembic.ini"], cwd: ledger },
        writable: true,
      },
      // Portable native SQL: the same files on PostgreSQL, SQLite and MySQL/MariaDB.
      { name: "inventory", dir: path.join(files.projects, "inventory"), writable: true },
    ],
    environments: [...DEMO_ENVIRONMENTS, ...backends.filter((b) => b.url)].map((env) => ({
      name: env.name,
      project: env.project,
      url: `\${${urlVariable(env.name)}}`,
      versionTable: "alembic_version",
      protection: env.protection,
      ...("after" in env && env.after ? { after: env.after, promotion: env.promotion ?? "warn" } : {}),
    })),
  };
  await fs.writeFile(files.config, `${JSON.stringify(config, null, 2)}\n`);
}

function printSummary(backends: BackendEnvironment[]): void {
  console.log("\ndemo environments:");
  for (const env of [...DEMO_ENVIRONMENTS, ...backends.filter((b) => b.url)]) console.log(`  ${env.name.padEnd(11)} ${env.project.padEnd(9)} ${env.story}`);
  for (const env of backends.filter((b) => !b.url)) console.log(`  ${env.name.padEnd(11)} (not configured: ${env.missing})`);
}

function formatVariables(variables: Record<string, string>): string {
  return Object.entries(variables).map(([k, v]) => `${k}=${v}\n`).join("");
}

async function serve(options: DemoOptions, repoRoot: string, variables: Record<string, string>): Promise<number> {
  const env = { ...process.env, ...variables, NEXT_TELEMETRY_DISABLED: "1" };
  const next = path.join(repoRoot, "node_modules/.bin/next");
  if (options.build || !existsSync(path.join(repoRoot, ".next/BUILD_ID"))) {
    console.log("\ndemo: building the dashboard (next build)…");
    const code = await exitCodeOf(spawn(next, ["build"], { cwd: repoRoot, env, stdio: "inherit" }));
    if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  }
  const child = spawn(next, ["start", "-p", String(options.port)], { cwd: repoRoot, env, stdio: ["ignore", "inherit", "inherit"] });
  const exited = exitCodeOf(child);
  const stop = () => void child.kill("SIGTERM");
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const ready = await waitForHealth(options.port, exited);
  if (ready) {
    const { path: signIn } = await ensureDemoAdmin();
    console.log(`\nRetort demo running at http://localhost:${options.port}  (Ctrl-C to stop)`);
    console.log(`Sign in as the demo admin (one-time link): http://localhost:${options.port}${signIn}\n`);
  }
  const code = await exited;
  process.off("SIGINT", stop);
  process.off("SIGTERM", stop);
  return code === null || code === 0 || code === 130 || code === 143 ? 0 : code;
}

async function waitForHealth(port: number, exited: Promise<number | null>): Promise<boolean> {
  let done = false;
  void exited.then(() => (done = true));
  for (let waited = 0; waited < 120_000 && !done; waited += 250) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

function exitCodeOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("error", () => resolve(1));
    child.once("exit", (code, signal) => resolve(code ?? (signal ? null : 1)));
  });
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}


function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => (running ??= fn());
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timed out")), ms).unref())]);
}
