// The dashboard's pooled readers stay within a connection limit per database server (in use and
// idle together), on a real PostgreSQL: fifty environments on one server must not exhaust it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromObject } from "../../lib/server/config";
import { closeAllPools, withPooledConnection } from "../../lib/server/db/pool";
import { readEnvironmentState } from "../../lib/server/environment-reader";
import { openOn, serverOf } from "../../lib/server/db/server-slots";
import { parseDatabaseUrl, type DatabaseUrl } from "../../lib/server/db/url";
import { createMysqlDatabase } from "../backends";
import { createTestDatabase, query, type TestDatabase } from "../db";

let db: TestDatabase;
let url: DatabaseUrl;
let server: string;
const LIMIT = 3;

beforeAll(async () => {
  db = await createTestDatabase("retort_slots");
  const parsed = parseDatabaseUrl(db.url);
  if (!parsed.ok) throw new Error(parsed.message);
  url = parsed.url;
  server = serverOf(url)!;
  process.env.RETORT_MAX_SERVER_CONNECTIONS = String(LIMIT);
});

afterAll(async () => {
  delete process.env.RETORT_MAX_SERVER_CONNECTIONS;
  await closeAllPools();
  await db.drop();
});

/** Backends connected to the test database, as PostgreSQL itself counts them. */
const backends = async () =>
  Number((await query<{ n: string }>(db.url.replace(/\/[^/?]+(\?|$)/, "/postgres$1"), "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1", [db.name]))[0]!.n);

describe("connections per database server", () => {
  it("keeps at most the limit open, in use or idle, and every reader still gets its answer", async () => {
    let inUse = 0;
    let most = 0;
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      withPooledConnection(`slots:${i % 6}`, url, { connectTimeoutMs: 10_000 }, async (conn) => {
        most = Math.max(most, ++inUse);
        const { rows } = await conn.query<{ i: number }>("SELECT $1::int AS i, pg_sleep(0.05)", [i]);
        inUse--;
        return rows[0]!.i;
      })));
    expect(answers).toEqual([...Array(12).keys()]);
    expect(most).toBeLessThanOrEqual(LIMIT);
    expect(openOn(server)).toBeLessThanOrEqual(LIMIT);
    expect(await backends()).toBeLessThanOrEqual(LIMIT);
  });

  it("closes another reader's idle connection rather than wait for it to time out", async () => {
    await closeAllPools();
    for (let i = 0; i < LIMIT; i++) await withPooledConnection(`idle:${i}`, url, {}, (conn) => conn.query("SELECT 1"));
    expect(openOn(server)).toBe(LIMIT);
    const started = Date.now();
    await withPooledConnection("idle:new", url, { connectTimeoutMs: 5_000 }, (conn) => conn.query("SELECT 1"));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(openOn(server)).toBe(LIMIT);
  });

  it("gives up waiting after the connect timeout with a message that says why, and frees nothing it did not take", async () => {
    await closeAllPools();
    let releaseAll!: () => void;
    const held = new Promise<void>((resolve) => (releaseAll = resolve));
    const holders = Array.from({ length: LIMIT }, (_, i) => withPooledConnection(`hold:${i}`, url, {}, () => held));
    while (openOn(server) < LIMIT) await new Promise((r) => setTimeout(r, 10));
    await expect(withPooledConnection("late", url, { connectTimeoutMs: 300 }, (conn) => conn.query("SELECT 1")))
      .rejects.toMatchObject({ code: "ETIMEDOUT", message: expect.stringContaining(`one of the ${LIMIT} connections Retort keeps per database server`) });
    expect(openOn(server)).toBe(LIMIT);
    releaseAll();
    await Promise.all(holders);
    expect(await withPooledConnection("after", url, {}, async (conn) => (await conn.query<{ one: number }>("SELECT 1 AS one")).rows[0]!.one)).toBe(1);
    expect(openOn(server)).toBeLessThanOrEqual(LIMIT);
  });

  it("reads every one of more environments on one server than the limit allows at once", async () => {
    await closeAllPools();
    const count = LIMIT * 4;
    const result = configFromObject({
      projects: [{ name: "p", dir: "m" }],
      environments: Array.from({ length: count }, (_, i) => ({ name: `env${i}`, project: "p", url: db.url })),
    }, { baseDir: "/", env: {} });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const states = await Promise.all(result.config.environments.map((env) => readEnvironmentState({ env })));
    expect(states.map((s) => s.reachable)).toEqual(Array(count).fill(true));
    expect(openOn(server)).toBeLessThanOrEqual(LIMIT);
  });

  it("holds MariaDB to the same limit, counted per server apart from PostgreSQL's", async () => {
    await closeAllPools();
    const mysqlDb = await createMysqlDatabase("retort_slots");
    try {
      const parsed = parseDatabaseUrl(mysqlDb.url);
      if (!parsed.ok) throw new Error(parsed.message);
      const mysqlServer = serverOf(parsed.url)!;
      expect(mysqlServer).not.toBe(server);
      let inUse = 0;
      let most = 0;
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) =>
        withPooledConnection(`mysql-slots:${i}`, parsed.url, { connectTimeoutMs: 10_000 }, async (conn) => {
          most = Math.max(most, ++inUse);
          const { rows } = await conn.query<{ i: number }>("SELECT ? + 0 AS i, SLEEP(0.05) AS s", [i]);
          inUse--;
          return Number(rows[0]!.i);
        })));
      expect(answers).toEqual([...Array(10).keys()]);
      expect(most).toBeLessThanOrEqual(LIMIT);
      expect(openOn(mysqlServer)).toBeLessThanOrEqual(LIMIT);
    } finally {
      await closeAllPools();
      await mysqlDb.drop();
    }
  });
});
