// A fresh database per test file (or per test) on the server global-setup provides.
import { randomBytes } from "node:crypto";
import pg from "pg";

// vitest cannot even be imported outside a vitest worker, and the bench (bench/drift.ts) reaches
// helpers that import this file: it is loaded only where it can be, and only inject() needs it.
const vitest = process.env.VITEST ? await import("vitest") : null;

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  if (!vitest) throw new Error("adminUrl() needs vitest's global setup, which provides the test server");
  return vitest.inject("adminDatabaseUrl");
}

export async function createTestDatabase(prefix = "retort_test"): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`.toLowerCase();
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad test database name ${name}`);
  await withClient(adminUrl(), (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(adminUrl(), name);
  return {
    url,
    name,
    // FORCE ends connections a failed test left open (PostgreSQL 13+).
    drop: () => withClient(adminUrl(), (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function query<R extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  return withClient(url, async (client) => (await client.query<R>(sql, params)).rows);
}

/** The version rows, sorted, or null when the table does not exist. */
export async function versionRows(url: string, table = "alembic_version", schema = "public"): Promise<string[] | null> {
  const [found] = await query<{ t: string | null }>(url, "SELECT to_regclass($1)::text AS t", [`"${schema}"."${table}"`]);
  if (!found?.t) return null;
  const rows = await query<{ version_num: string }>(url, `SELECT version_num FROM "${schema}"."${table}"`);
  return rows.map((row) => row.version_num).sort();
}

/** Whether a table exists in the public schema (or the given one). */
export async function tableExists(url: string, table: string, schema = "public"): Promise<boolean> {
  const [found] = await query<{ t: string | null }>(url, "SELECT to_regclass($1)::text AS t", [`"${schema}"."${table}"`]);
  return Boolean(found?.t);
}
