// Environment status against a real PostgreSQL: one database per state, plus databases that
// cannot be read (closed port, a server that never answers, wrong database, wrong password).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnvironmentView, getEnvironmentViews, getPendingSteps } from "@/lib/server/environments";
import { closeAllPools } from "@/lib/server/pg";
import { getProjectGraphView, getRevisionDetail } from "@/lib/server/projects";
import { createTestDatabase, databaseUrl, query, type TestDatabase } from "../db";

const SHOP_DIR = new URL("../../migrations/shop", import.meta.url).pathname;
const HEADS = ["13f8c6d2e9a4", "e09d3a7c1b56"];
const CONCURRENT_INDEX = "e1f6a8c3d529";
const MERGE = "2a5d9c7e1f08";
const SHIPMENTS = "c8e4b1f3a075";
const INVOICES = "6e13c8b0f5d2";

interface Fixture {
  name: string;
  setup?: (url: string) => Promise<void>;
  versionTable?: string;
  versionSchema?: string;
}

const versionTable = (rows: string[], table = '"alembic_version"') => async (url: string) => {
  await query(url, `CREATE TABLE ${table} (version_num VARCHAR(32) NOT NULL PRIMARY KEY)`);
  for (const row of rows) await query(url, `INSERT INTO ${table} (version_num) VALUES ($1)`, [row]);
};

const fixtures: Fixture[] = [
  { name: "current", setup: versionTable(HEADS) },
  { name: "behind", setup: versionTable([CONCURRENT_INDEX]) },
  { name: "unknown", setup: versionTable(["5e1d0c4b3a29"]) },
  { name: "overlap", setup: versionTable([MERGE, SHIPMENTS]) },
  { name: "legacy", setup: async (url) => void (await query(url, "CREATE TABLE customers (id bigint PRIMARY KEY)")) },
  { name: "blank" },
  {
    name: "custom-table",
    versionTable: "shop_versions",
    versionSchema: "meta",
    setup: async (url) => {
      await query(url, "CREATE SCHEMA meta");
      await versionTable(HEADS, "meta.shop_versions")(url);
    },
  },
];

const SECRET = "retort-local";
let configDir: string;
const databases: TestDatabase[] = [];
let closedPort: number;
let silentServer: net.Server;
const silentSockets: net.Socket[] = [];

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
}

beforeAll(async () => {
  const probe = net.createServer();
  closedPort = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  // Accepts TCP connections and never says a word: the worst kind of dead database.
  silentServer = net.createServer((socket) => void silentSockets.push(socket));
  const silentPort = await listen(silentServer);

  const environments: Record<string, unknown>[] = [];
  const env: Record<string, string> = {};
  for (const fixture of fixtures) {
    const db = await createTestDatabase("retort_env");
    databases.push(db);
    await fixture.setup?.(db.url);
    const variable = `RETORT_TEST_URL_${fixture.name.toUpperCase().replace(/-/g, "_")}`;
    env[variable] = db.url;
    environments.push({
      name: fixture.name,
      project: "shop",
      url: `\${${variable}}`,
      ...(fixture.versionTable ? { versionTable: fixture.versionTable } : {}),
      ...(fixture.versionSchema ? { versionSchema: fixture.versionSchema } : {}),
    });
  }
  const wrongPassword = new URL(databases[0]!.url);
  wrongPassword.password = "not-the-password";
  environments.push(
    { name: "closed-port", project: "shop", url: `postgres://app:${SECRET}@127.0.0.1:${closedPort}/shop` },
    { name: "silent", project: "shop", url: `postgres://app:${SECRET}@127.0.0.1:${silentPort}/shop` },
    { name: "missing-db", project: "shop", url: databaseUrl(databases[0]!.url, "retort_no_such_database") },
    { name: "wrong-password", project: "shop", url: wrongPassword.toString() },
  );
  Object.assign(process.env, env);
  configDir = mkdtempSync(path.join(tmpdir(), "retort-env-test-"));
  const file = path.join(configDir, "retort.config.json");
  writeFileSync(file, JSON.stringify({ projects: [{ name: "shop", dir: SHOP_DIR }], environments }));
  process.env.RETORT_CONFIG = file;
});

afterAll(async () => {
  delete process.env.RETORT_CONFIG;
  await closeAllPools();
  for (const socket of silentSockets) socket.destroy();
  silentServer?.close();
  for (const db of databases) await db.drop();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

describe("getEnvironmentViews", () => {
  it("reads every environment, and a database that never answers costs at most the timeout", async () => {
    const started = Date.now();
    const views = await getEnvironmentViews();
    expect(Date.now() - started).toBeLessThan(5_000);
    const byName = Object.fromEntries(views.map((v) => [v.name, v]));
    expect(views.map((v) => v.name)).toEqual([...fixtures.map((f) => f.name), "closed-port", "silent", "missing-db", "wrong-password"]);
    expect(byName.silent).toMatchObject({ status: "unreachable", reason: "timed out after 3 s" });
  });

  it("never puts a URL, host or password into a view", async () => {
    const text = JSON.stringify(await getEnvironmentViews());
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("postgres://");
    expect(text).not.toContain("127.0.0.1");
  });
});

describe("getEnvironmentView", () => {
  it.each([
    ["current", { status: "current", rows: HEADS, tableExists: true, pending: [] }],
    ["behind", { status: "behind", rows: [CONCURRENT_INDEX], pending: expect.arrayContaining(HEADS) }],
    ["unknown", { status: "unknown-revision", unknownRows: ["5e1d0c4b3a29"], pending: [] }],
    ["overlap", { status: "overlapping", rows: [MERGE, SHIPMENTS].sort() }],
    ["legacy", { status: "unversioned", tableExists: false, rows: [] }],
    ["blank", { status: "empty", tableExists: false }],
    ["custom-table", { status: "current", versionTable: "shop_versions", versionSchema: "meta" }],
  ])("reports %s as classified from its version table", async (name, expected) => {
    expect(await getEnvironmentView({ env: name })).toMatchObject({ name, project: "shop", protection: "confirm", ...expected });
  });

  it("counts what an upgrade to heads would run for a database behind", async () => {
    const view = await getEnvironmentView({ env: "behind" });
    expect(view!.pending).toHaveLength(6);
    expect(view!.pending[0]).toBe("4d3b7f9a0e82");
  });

  it.each([
    ["closed-port", "connection refused"],
    ["missing-db", 'database "retort_no_such_database" does not exist'],
  ])("explains why %s is unreachable without secrets", async (name, reason) => {
    expect(await getEnvironmentView({ env: name })).toMatchObject({ status: "unreachable", reason, rows: [], pending: [] });
  });

  it("reports a rejected password as such", async () => {
    const view = await getEnvironmentView({ env: "wrong-password" });
    // A server configured with trust authentication accepts any password.
    if (view!.status === "unreachable") expect(view!.reason).toBe("password authentication failed");
  });

  it("returns null for an environment that is not configured", async () => {
    expect(await getEnvironmentView({ env: "nope" })).toBeNull();
  });
});

describe("getPendingSteps", () => {
  it("lists the upgrade's steps with their SQL, marking the non-transactional one", async () => {
    const steps = await getPendingSteps({ env: "behind" });
    expect(steps.map((s) => s.revision).sort()).toEqual((await getEnvironmentView({ env: "behind" }))!.pending.sort());
    expect(steps[0]).toMatchObject({ revision: "4d3b7f9a0e82", direction: "up", transactional: true });
    expect(steps[0]!.sql).toContain("CREATE TABLE categories");
    expect(steps[0]!.versionOps).toEqual([{ op: "update", from: CONCURRENT_INDEX, to: "4d3b7f9a0e82" }]);
  });

  it("includes the CREATE INDEX CONCURRENTLY step as non-transactional for an empty database", async () => {
    const steps = await getPendingSteps({ env: "blank" });
    expect(steps).toHaveLength(19);
    expect(steps.find((s) => s.revision === CONCURRENT_INDEX)).toMatchObject({ transactional: false });
  });

  it("has nothing pending for an up-to-date or unreadable database", async () => {
    expect(await getPendingSteps({ env: "current" })).toEqual([]);
    expect(await getPendingSteps({ env: "closed-port" })).toEqual([]);
  });
});

describe("project views", () => {
  it("builds the bundled shop graph with two heads and no problems", async () => {
    const graph = await getProjectGraphView({ project: "shop" });
    expect(graph).toMatchObject({ project: "shop", format: "sql", problems: [] });
    expect(graph!.revisions).toHaveLength(19);
    expect([...graph!.realHeads].sort()).toEqual([...HEADS].sort());
    expect(graph!.revisions[graph!.revisions.length - 1]!.isBase).toBe(true);
  });

  it("shows a revision's source and the environments that have applied it", async () => {
    const detail = await getRevisionDetail({ project: "shop", revision: INVOICES });
    expect(detail).toMatchObject({ sourceLanguage: "sql", node: { revision: INVOICES, dependsOn: ["d4e8f1a26c90"] } });
    expect(detail!.source).toContain("CREATE TABLE invoices");
    expect(detail!.appliedIn).toEqual(["current", "behind", "overlap", "custom-table"]);
  });

  it("returns null for an unknown project or revision", async () => {
    expect(await getProjectGraphView({ project: "nope" })).toBeNull();
    expect(await getRevisionDetail({ project: "shop", revision: "ffffffffffff" })).toBeNull();
  });
});
