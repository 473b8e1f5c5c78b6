// Schema drift benchmarks: introspection of a 500-table schema per backend, and the baseline
// search over a generated 1,000-revision project (branches, merges, depends_on) whose database
// lost its version table, cold (every schema replayed) and warm (from the cache).
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { SchemaDialect } from "../lib/core/schema/model";
import { findBaseline } from "../lib/server/schema/baseline";
import { introspectSchema } from "../lib/server/schema/introspect";
import type { ReplayConnection } from "../lib/server/schema/reader";
import { createSchemaCache } from "../lib/server/schema/schema-cache";
import { mysqlScratch, postgresScratch, type ScratchProvider, sqliteScratch } from "../lib/server/schema/scratch";
import { generateGraph, type GraphNode } from "../test/compat/generate-graph";
import { createRng } from "../test/compat/prng";
import { mysqlAvailable, mysqlServerUrl, withMysql } from "../test/backends";
import { openTestConnection } from "../test/schema/connections";
import { loadSqlProject, upgradeLive } from "../test/schema/fixture-project";
import { type Cleanup, median, type SharedResources, tempDir } from "./harness";
import type { Figure } from "./report";

const INTROSPECT_TARGET_MS = 2_000;
const BASELINE_TARGET_MS = 60_000;

interface Backend {
  dialect: SchemaDialect;
  url: string;
  provider: ScratchProvider;
}

/** One live database per backend (MySQL only when a server answers), dropped at cleanup. */
async function backends(cleanup: Cleanup, shared: SharedResources): Promise<Backend[]> {
  const server = await shared.postgres();
  const pgName = `bench_drift_${randomBytes(3).toString("hex")}`;
  await server.createDatabase(pgName);
  const list: Backend[] = [{ dialect: "postgresql", url: server.urlFor(pgName), provider: postgresScratch(async () => server.urlFor("postgres"), openTestConnection) }];
  const dir = await tempDir(cleanup, "drift-sqlite");
  list.push({ dialect: "sqlite", url: `sqlite:///${path.join(dir, "live.db")}`, provider: sqliteScratch(openTestConnection) });
  if (await mysqlAvailable()) {
    const name = `retort_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
    await withMysql(mysqlServerUrl(), (c) => c.query(`CREATE DATABASE \`${name}\``));
    cleanup.add(`drop MySQL ${name}`, () => withMysql(mysqlServerUrl(), (c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``)));
    const url = new URL(mysqlServerUrl());
    url.pathname = `/${name}`;
    list.push({ dialect: "mysql", url: url.toString(), provider: mysqlScratch(url.toString(), openTestConnection) });
  } else {
    console.warn("bench: no MySQL/MariaDB answers at TEST_MYSQL_URL; drift figures for PostgreSQL and SQLite only");
  }
  return list;
}

function tableDdl(i: number): string {
  const parent = i > 0 ? `, FOREIGN KEY (parent_id) REFERENCES t${i - 1} (id) ON DELETE CASCADE` : "";
  return `CREATE TABLE t${i} (id integer PRIMARY KEY, parent_id integer, code varchar(32) NOT NULL UNIQUE, amount numeric(10,2) DEFAULT 0 CHECK (amount >= 0),
  created_at timestamp DEFAULT CURRENT_TIMESTAMP, note text${parent});
CREATE INDEX t${i}_created ON t${i} (created_at);`;
}

async function withConnection<T>(url: string, work: (c: ReplayConnection) => Promise<T>): Promise<T> {
  const connection = await openTestConnection(url);
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

async function benchIntrospection(backend: Backend, tables: number): Promise<Figure> {
  return withConnection(backend.url, async (c) => {
    // One transaction on SQLite, or each CREATE waits for its own fsync (setup is not what is measured).
    const [begin, commit] = backend.dialect === "sqlite" ? ["BEGIN;", "COMMIT;"] : ["", ""];
    for (let i = 0; i < tables; i += 50) await c.execute([begin, ...Array.from({ length: Math.min(50, tables - i) }, (_, j) => tableDdl(i + j)), commit].join("\n"));
    const samples: number[] = [];
    let objects = 0;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const schema = await introspectSchema({ reader: c });
      samples.push(performance.now() - started);
      objects = schema.tables.reduce((n, t) => n + 1 + t.columns.length + t.indexes.length + t.uniques.length + t.checks.length + t.foreignKeys.length, 0);
    }
    await c.execute(Array.from({ length: tables }, (_, i) => `DROP TABLE t${tables - 1 - i};`).join("\n"));
    return { name: `introspect ${tables} tables, ${backend.dialect}`, value: median(samples), unit: "ms", target: INTROSPECT_TARGET_MS, note: `${objects} objects, median of 3` };
  });
}

/** Each revision creates a table, every fourth adds a column to its parent's table instead; merges change nothing. */
function writeHistory(dir: string, size: number): GraphNode[] {
  const nodes = generateGraph(createRng(8000 + size), size, { maxBases: 1, branchRate: 0.05, mergeRate: 0.05, dependsOnRate: 0.02, labelRate: 0.003, legacyFileRate: 0 });
  const created = new Map<string, string>();
  nodes.forEach((node, i) => {
    const parentTable = node.downRevisions.length === 1 ? created.get(node.downRevisions[0]!) : undefined;
    let up = "SELECT 1;";
    if (node.downRevisions.length <= 1 && parentTable && i % 4 === 3) up = `ALTER TABLE ${parentTable} ADD COLUMN c${i} integer;`;
    else if (node.downRevisions.length <= 1) {
      created.set(node.revision, `r${i}`);
      up = `CREATE TABLE r${i} (id integer PRIMARY KEY, label varchar(40) NOT NULL, amount numeric(10,2) DEFAULT 0);\nCREATE INDEX r${i}_label ON r${i} (label);`;
    }
    const header = [`-- revision: ${node.revision}`, `-- down_revision: ${node.downRevisions.join(", ")}`, `-- message: revision ${i}`];
    if (node.dependsOn.length > 0) header.push(`-- depends_on: ${node.dependsOn.join(", ")}`);
    writeFileSync(path.join(dir, `${String(i).padStart(4, "0")}_r.sql`), `${header.join("\n")}\n\n-- migrate:up\n${up}\n\n-- migrate:down\n`);
  });
  return nodes;
}

async function benchBaseline(cleanup: Cleanup, backend: Backend, size: number): Promise<Figure[]> {
  const dir = await tempDir(cleanup, `drift-history-${backend.dialect}`);
  const nodes = writeHistory(dir, size);
  const project = await loadSqlProject(dir, `bench${size}`);
  const at = nodes[Math.floor(size * 0.6)]!.revision;
  await withConnection(backend.url, async (c) => {
    await upgradeLive(c, project, at);
    await c.execute("DROP TABLE alembic_version");
  });
  const cacheDir = await tempDir(cleanup, "drift-cache");
  const cache = createSchemaCache(cacheDir);
  const run = (schemas = cache) => withConnection(backend.url, async (c) => findBaseline({ project, provider: backend.provider, live: await introspectSchema({ reader: c }), cache: schemas }));
  const cold = await run();
  // A new process: expected schemas come from the disk cache, the search itself runs again.
  const warm = await run(createSchemaCache(cacheDir));
  const again = await run();
  const best = cold.candidates[0];
  const found = best?.rows.length === 1 && best.rows[0] === at && best.differences === 0 ? "found exactly" : `best ${best?.revision ?? "none"} (${best?.differences ?? "?"} differences)`;
  const s = cold.stats;
  return [
    { name: `baseline search, ${size} revisions, ${backend.dialect}, cold`, value: s.durationMs, unit: "ms", target: BASELINE_TARGET_MS,
      note: `${found}; ${s.replays} replays, ${s.steps} migrations run, ${s.introspections} schemas read, ${s.compared} sets compared` },
    { name: `baseline search, ${size} revisions, ${backend.dialect}, warm`, value: warm.stats.durationMs, unit: "ms", note: `new process: ${warm.stats.replays} replays, ${warm.stats.cacheHits} schemas from the disk cache` },
    { name: `baseline search, ${size} revisions, ${backend.dialect}, again`, value: again.stats.durationMs, unit: "ms", note: `same process, same live schema: ${again.stats.fromCache ? "answer remembered" : "searched again"}` },
  ];
}

export async function benchDrift(cleanup: Cleanup, shared: SharedResources, options: { tables: number; revisions: number }): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const backend of await backends(cleanup, shared)) {
    process.stdout.write(`benchmarking drift on ${backend.dialect}…\n`);
    figures.push(await benchIntrospection(backend, options.tables));
    figures.push(...(await benchBaseline(cleanup, backend, options.revisions)));
  }
  return figures;
}
