// The demo's databases, for specs that check or set up what the browser cannot: each
// environment's URL is in the demo's env file (written by scripts/demo-run.ts).
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export const DEMO_DATA = path.join(".retort", "e2e");

export function demoUrl(env: string): string {
  const line = readFileSync(path.join(DEMO_DATA, "demo.env"), "utf8").split("\n").find((l) => l.startsWith(`RETORT_DEMO_URL_${env.toUpperCase()}=`));
  if (!line) throw new Error(`no URL for ${env} in demo.env (a MySQL environment needs a MySQL/MariaDB server running)`);
  return line.slice(line.indexOf("=") + 1).trim();
}

/** One statement on a PostgreSQL environment of the demo. */
export async function demoSql<T extends pg.QueryResultRow = Record<string, unknown>>(env: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: demoUrl(env) });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** A PostgreSQL environment's version rows, sorted. */
export async function demoRows(env: string): Promise<string[]> {
  return (await demoSql<{ v: string }>(env, "SELECT version_num AS v FROM alembic_version ORDER BY 1")).map((r) => r.v);
}
