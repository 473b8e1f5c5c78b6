import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

// A server of its own for the large-graph specs (the demo's projects and environments stay as
// they are): a 2,000-revision native SQL project and a SQLite environment standing far from the
// heads, served by `next start` from the current build, signed in through trusted-proxy mode.

export const BIG_SIZE = 2000;
/** Where the environment stands: deep in the history, far from the first screen. */
export const STAGING_INDEX = 300;
/** The head's id is not hex: the graph shows it in full. */
export const NAMED_HEAD = "release_2026_q4_cutover_billing";

export const idOf = (i: number): string => (i === BIG_SIZE - 1 ? NAMED_HEAD : ((i + 1) * 2654435761 % 2 ** 48).toString(16).padStart(12, "0"));

function writeProject(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < BIG_SIZE; i++) {
    const header = [`-- revision: ${idOf(i)}`];
    // A side branch every 97 revisions that merges back 5 later; a depends_on now and then.
    const down = i === 0 ? [] : i % 97 === 5 && i > 10 ? [idOf(i - 1), idOf(i - 6)] : [idOf(i - 1)];
    if (down.length > 0) header.push(`-- down_revision: ${down.join(", ")}`);
    if (i % 211 === 7 && i > 20) header.push(`-- depends_on: ${idOf(i - 15)}`);
    header.push(`-- message: step ${i} of the big project`, "-- transactional: true");
    const name = `${String(i).padStart(5, "0")}_step.sql`;
    writeFileSync(path.join(dir, name), `${header.join("\n")}\n\n-- migrate:up\nSELECT 1;\n\n-- migrate:down\nSELECT 1;\n`);
  }
}

export interface BigServer {
  url: string;
  headers: Record<string, string>;
  stop(): Promise<void>;
}

export async function startBigGraphServer(port: number): Promise<BigServer> {
  const root = mkdtempSync(path.join(os.tmpdir(), "retort-e2e-big-"));
  // The server's embedded metadata PostgreSQL runs initdb as `postgres` when we are root.
  chmodSync(root, 0o777);
  writeProject(path.join(root, "big"));
  const dbFile = path.join(root, "staging.db");
  const db = new Database(dbFile);
  db.exec("CREATE TABLE alembic_version (version_num VARCHAR(64) NOT NULL PRIMARY KEY)");
  db.prepare("INSERT INTO alembic_version VALUES (?)").run(idOf(STAGING_INDEX));
  db.close();
  const config = path.join(root, "retort.config.json");
  writeFileSync(config, JSON.stringify({
    projects: [{ name: "big", dir: path.join(root, "big") }],
    environments: [{ name: "staging-big", project: "big", url: `sqlite:///${dbFile}` }],
  }));
  // The same header and secret as the demo server (playwright.config.ts), so every page's default
  // headers sign it in here too.
  const secret = process.env.E2E_PROXY_SECRET ?? randomBytes(24).toString("base64url");
  const env: NodeJS.ProcessEnv = {
    ...process.env, NEXT_TELEMETRY_DISABLED: "1", RETORT_CONFIG: config, RETORT_DATA_DIR: path.join(root, "app"),
    RETORT_TRUSTED_PROXY_HEADER: "x-retort-e2e-user", RETORT_TRUSTED_PROXIES: "127.0.0.1,::1", RETORT_TRUSTED_PROXY_SECRET: secret,
  };
  delete env.RETORT_USERS_FILE;
  delete env.RETORT_SESSION_SECRET;
  delete env.RETORT_DATABASE_URL;
  const child: ChildProcess = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], { env, detached: true, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  let healthy = false;
  for (let waited = 0; waited < 90_000 && !healthy; waited += 250) {
    healthy = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (!healthy) await new Promise((r) => setTimeout(r, 250));
  }
  if (!healthy) throw new Error(`next start for the big graph did not answer on ${url}`);
  return {
    url,
    headers: { "x-retort-e2e-user": "e2e-viewer", "x-retort-proxy-secret": secret },
    async stop() {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 500));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
