// Expected schemas by replay, on real databases: a migration that fails during replay, a scratch
// database that cannot be had, the cache (memory and disk), and the embedded scratch cluster.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SchemaDialect } from "../../lib/core/schema/model";
import { computeDrift, driftOutcome } from "../../lib/server/schema/drift";
import { expectedSchemaAt } from "../../lib/server/schema/expected";
import { createSchemaCache } from "../../lib/server/schema/schema-cache";
import { mysqlScratch, postgresScratch, type ScratchProvider, scratchProviderFor, sqliteScratch } from "../../lib/server/schema/scratch";
import { withMysql } from "../backends";
import { openTestConnection, withTestConnection } from "../schema/connections";
import { fixtureRevisions, loadSqlProject, REV, upgradeLive, writeSqlProject } from "../schema/fixture-project";
import { createLiveDatabase } from "../schema/live";
import { embeddedScratchServer, stopEmbeddedScratchServer } from "../../lib/server/schema/scratch-postgres";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(dialect: SchemaDialect, revisions = fixtureRevisions(dialect)) {
  const live = await createLiveDatabase(dialect);
  const dir = await writeSqlProject(revisions);
  cleanups.push(live.drop, dir.drop);
  return { live, dir: dir.dir, project: await loadSqlProject(dir.dir) };
}

/** Counts the scratch databases a provider hands out. */
function counting(provider: ScratchProvider): ScratchProvider & { created: number } {
  const counted = { dialect: provider.dialect, flavor: () => provider.flavor(), created: 0, create: () => (counted.created++, provider.create()) };
  return counted;
}

describe.each(["postgresql", "sqlite", "mysql"] as SchemaDialect[])("replay on %s", (dialect) => {
  it("names the revision and the database's message when a migration fails during replay, and never throws", async () => {
    const revisions = fixtureRevisions(dialect);
    revisions[3] = { ...revisions[3]!, up: "CREATE TABLE customers (id integer);" };
    const { live, project } = await setup(dialect, revisions);
    const report = await withTestConnection(live.url, async (c) => {
      await c.execute(revisions[0]!.up);
      return computeDrift({ reader: c, project, rows: [REV.pending], provider: live.provider, cache: createSchemaCache(null) });
    });
    expect(report.error).toMatchObject({ code: "replay-failed", revision: REV.nickname });
    expect(report.error!.message).toMatch(new RegExp(`^Replaying ${REV.nickname} failed: .*customers.* already exists`, "i"));
    expect(report).toMatchObject({ compared_with: null, matches: false, differences: [] });
    expect(driftOutcome(report)).toBe("error");
  });

  it("still ranks the baseline when a later migration fails to replay, and says which", async () => {
    const revisions = fixtureRevisions(dialect);
    revisions[6] = { ...revisions[6]!, up: "CREATE TABLE orders (id integer);" };
    const { live, project } = await setup(dialect, revisions);
    const report = await withTestConnection(live.url, async (c) => {
      await upgradeLive(c, project, REV.items);
      await c.execute("DROP TABLE alembic_version");
      return computeDrift({ reader: c, project, rows: null, provider: live.provider, cache: createSchemaCache(null) });
    });
    expect(report.baseline!.failure).toMatchObject({ revision: REV.pending });
    expect(report.baseline!.candidates[0]).toMatchObject({ rows: [REV.items], differences: 0 });
  });

  it("keeps expected schemas in memory and on disk, keyed by the files: a second look replays nothing", async () => {
    const { live, dir, project } = await setup(dialect);
    const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), "retort-schema-cache-"));
    cleanups.push(() => fs.rm(cacheDir, { recursive: true, force: true }));
    const provider = counting(live.provider);
    const context = { project, provider, cache: createSchemaCache(cacheDir) };
    const first = await expectedSchemaAt(context, [REV.merge]);
    expect(first).toMatchObject({ ok: true, fromCache: false });
    const started = performance.now();
    expect(await expectedSchemaAt(context, [REV.merge])).toMatchObject({ ok: true, fromCache: true });
    expect(performance.now() - started).toBeLessThan(200);
    // A new process: a new cache on the same directory.
    const again = await expectedSchemaAt({ ...context, cache: createSchemaCache(cacheDir) }, [REV.merge]);
    expect(again).toMatchObject({ ok: true, fromCache: true });
    expect(again.ok && first.ok && again.schema).toEqual(first.ok && first.schema);
    expect(provider.created).toBe(1);
    // Editing an applied revision's file makes its expected schema a new one.
    const file = path.join(dir, (await fs.readdir(dir)).find((f) => f.startsWith("002_"))!);
    await fs.appendFile(file, "\n-- a comment changes the digest\n");
    expect(await expectedSchemaAt({ ...context, cache: createSchemaCache(cacheDir) }, [REV.merge])).toMatchObject({ ok: true, fromCache: false });
    expect(provider.created).toBe(2);
  });
});

describe("a scratch database that cannot be had", () => {
  const expectUnavailable = (report: Awaited<ReturnType<typeof computeDrift>>, secrets: string[]) => {
    expect(report.error).toMatchObject({ code: "scratch-unavailable", revision: null });
    for (const secret of secrets) expect(JSON.stringify(report)).not.toContain(secret);
    return report.error!.message;
  };

  it("PostgreSQL: a scratch server that does not answer, reported without its address or credentials", async () => {
    const { live, project } = await setup("postgresql");
    const provider = postgresScratch(async () => "postgres://scratchuser:hunter22@127.0.0.1:1/postgres", openTestConnection, async () => "postgresql 17");
    const report = await withTestConnection(live.url, async (c) => computeDrift({ reader: c, project, rows: [REV.orders], provider, cache: createSchemaCache(null) }));
    expect(expectUnavailable(report, ["scratchuser", "hunter22", "127.0.0.1"])).toMatch(/^Could not create a scratch PostgreSQL database: .*ECONNREFUSED/);
  });

  it("SQLite: no temporary directory to put the file in", async () => {
    const { live, project } = await setup("sqlite");
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = "/nonexistent/retort-tmp";
    cleanups.push(async () => (tmp === undefined ? delete process.env.TMPDIR : (process.env.TMPDIR = tmp)));
    const report = await withTestConnection(live.url, async (c) => computeDrift({ reader: c, project, rows: [REV.orders], provider: sqliteScratch(openTestConnection), cache: createSchemaCache(null) }));
    expect(expectUnavailable(report, [])).toMatch(/^Could not create a temporary SQLite database: .*ENOENT/);
  });

  it("MySQL: a user who may not create databases is told so, without user, host or password", async () => {
    const { live, project } = await setup("mysql");
    const user = `retort_ro_${randomBytes(3).toString("hex")}`;
    const database = new URL(live.url).pathname.slice(1);
    await withMysql(live.url, (c) => c.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 'pw-${user}'; GRANT ALL ON \`${database}\`.* TO '${user}'@'%'`));
    cleanups.push(() => withMysql(live.url, (c) => c.query(`DROP USER IF EXISTS '${user}'@'%'`)));
    const url = new URL(live.url);
    Object.assign(url, { username: user, password: `pw-${user}` });
    const report = await withTestConnection(url.toString(), async (c) => {
      await upgradeLive(c, project, REV.orders);
      return computeDrift({ reader: c, project, rows: [REV.orders], provider: mysqlScratch(url.toString(), openTestConnection), cache: createSchemaCache(null) });
    });
    const message = expectUnavailable(report, [user, `pw-${user}`, "127.0.0.1"]);
    expect(message).toMatch(/^Could not create a scratch MySQL database: .*denied.*; the database user needs CREATE and DROP on the server/);
    // The baseline search gives up at once, with the same reason, and offers no candidate.
    const unversioned = await withTestConnection(url.toString(), (c) => computeDrift({ reader: c, project, rows: null, provider: mysqlScratch(url.toString(), openTestConnection), cache: createSchemaCache(null) }));
    expect(unversioned.baseline).toMatchObject({ candidates: [], failure: { revision: null } });
    expect(unversioned.baseline!.failure!.message).toMatch(/^Could not create a scratch MySQL database: .*denied/);
  });
});

describe("the embedded scratch cluster", () => {
  it("is started on first use in the data directory, reused after, and replays like any PostgreSQL", async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "retort-scratch-data-"));
    await fs.chmod(dataDir, 0o777);
    const previous = process.env.RETORT_DATA_DIR;
    process.env.RETORT_DATA_DIR = dataDir;
    const { live, project } = await setup("postgresql");
    const provider = scratchProviderFor({ dialect: "postgresql", open: openTestConnection });
    const report = await withTestConnection(live.url, async (c) => {
      const rows = await upgradeLive(c, project, REV.pending);
      return computeDrift({ reader: c, project, rows, provider, cache: createSchemaCache(null) });
    });
    expect(report.error).toBeNull();
    expect(report).toMatchObject({ matches: true, differences: [] });
    expect(await fs.readFile(path.join(dataDir, "scratch-postgres", "PG_VERSION"), "utf8")).toMatch(/^\d+/);
    expect(await provider.flavor()).toMatch(/^postgresql \d+$/);
    // A second provider (a second request) finds the running cluster instead of starting another.
    const second = scratchProviderFor({ dialect: "postgresql", open: openTestConnection });
    const made = await second.create();
    expect(made.ok).toBe(true);
    if (made.ok) await made.scratch.drop();
    // A replay killed half way leaves its database; the next start of the cluster drops it.
    const admin = await embeddedScratchServer();
    await withTestConnection(admin, (c) => c.execute('CREATE DATABASE "retort_scratch_999999_deadbeef"'));
    await stopEmbeddedScratchServer();
    const restarted = await embeddedScratchServer();
    const left = await withTestConnection(restarted, (c) => c.query("SELECT datname FROM pg_database WHERE datname LIKE 'retort_scratch%'"));
    expect(left.rows).toEqual([]);
    await stopEmbeddedScratchServer();
    // Assigning undefined would set the string "undefined" (a data directory of that name).
    if (previous === undefined) delete process.env.RETORT_DATA_DIR;
    else process.env.RETORT_DATA_DIR = previous;
    await fs.rm(dataDir, { recursive: true, force: true });
  }, 120_000);
});
