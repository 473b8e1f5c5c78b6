// Integration and compat tests share one PostgreSQL server: TEST_DATABASE_URL's when set,
// otherwise a throwaway embedded cluster on a free port. Tests create their own databases on it.
import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../lib/server/embedded-postgres";
import { freePort } from "../lib/server/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    /** A URL to a database on the test server whose user may CREATE and DROP DATABASE. */
    adminDatabaseUrl: string;
  }
}

/** The CLI tests run dist/cli/ (as users do): rebuild it first when any source is newer. */
function buildCliIfStale(): void {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
  const result = spawnSync(process.execPath, [path.join(root, "scripts", "build-cli.mjs"), "--if-stale"], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`Building the CLI bundle failed:\n${result.stderr}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildCliIfStale();
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide("adminDatabaseUrl", external);
    return async () => undefined;
  }
  // initdb runs as the `postgres` user when we are root: it must be able to write here.
  const parent = await fs.mkdtemp(path.join(os.tmpdir(), "retort-test-pg-"));
  await fs.chmod(parent, 0o777);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(parent, "data"),
    port: await freePort(),
    ephemeral: true,
  });
  project.provide("adminDatabaseUrl", server.urlFor("postgres"));
  return async () => {
    await server.stop();
    await fs.rm(parent, { recursive: true, force: true });
  };
}

