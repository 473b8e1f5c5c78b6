// The version table Retort creates on SQLite and MySQL/MariaDB is the one Alembic creates there,
// in the database a MySQL versionSchema names; SQLite, which has no schemas, refuses one.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAlembicPython } from "../../lib/server/alembic-python";
import { openConnection } from "../../lib/server/db/connect";
import { ensureVersionTable, readVersionRows } from "../../lib/server/db/version-table";
import { closeAllPools } from "../../lib/server/pg";
import { executeStampPlan } from "../../lib/server/sql-executor";
import { connector } from "../../lib/server/db/connect";
import { createMysqlDatabase, createTarget, type TestTarget } from "../backends";

const run = promisify(execFile);
const ENV_PY = `import os
from alembic import context
from sqlalchemy import create_engine, pool
engine = create_engine(os.environ["RETORT_TEST_URL"], poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, version_table_schema=os.environ.get("RETORT_TEST_SCHEMA") or None)
    with context.begin_transaction():
        context.run_migrations()
`;
let projectDir: string;
let python: string;

beforeAll(async () => {
  python = findAlembicPython({ modules: ["alembic", "pymysql"] }) ?? "python3";
  projectDir = await fs.mkdtemp(path.join(os.tmpdir(), "retort-vt-backends-"));
  await fs.mkdir(path.join(projectDir, "versions"));
  await fs.writeFile(path.join(projectDir, "alembic.ini"), "[alembic]\nscript_location = .\n");
  await fs.writeFile(path.join(projectDir, "env.py"), ENV_PY);
  await fs.writeFile(path.join(projectDir, "versions", "a1.py"), 'revision = "a1"\ndown_revision = None\nbranch_labels = None\ndepends_on = None\ndef upgrade():\n    pass\ndef downgrade():\n    pass\n');
});
afterAll(async () => {
  await closeAllPools();
  await fs.rm(projectDir, { recursive: true, force: true });
});

async function alembic(url: string, args: string[], schema = ""): Promise<string> {
  const sqlalchemyUrl = url.replace(/^mysql:/, "mysql+pymysql:");
  return (await run(python, ["-m", "alembic", ...args], { cwd: projectDir, env: { ...process.env, RETORT_TEST_URL: sqlalchemyUrl, RETORT_TEST_SCHEMA: schema } })).stdout;
}
const alembicStamp = (url: string) => alembic(url, ["stamp", "a1"]);

async function retortCreate(url: string, schema: string | null = null): Promise<void> {
  const conn = await openConnection(url, { create: true });
  try {
    await ensureVersionTable(conn, { table: "alembic_version", schema });
  } finally {
    await conn.close();
  }
}

describe("on SQLite", () => {
  it("has the columns, primary key and index Alembic's table has", async () => {
    const [byAlembic, byRetort] = [await createTarget("sqlite", "vt_a"), await createTarget("sqlite", "vt_r")];
    try {
      await alembicStamp(byAlembic.url);
      await retortCreate(byRetort.url);
      const shape = async (db: TestTarget) => ({
        columns: await db.query("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('alembic_version')"),
        indexes: await db.query("SELECT origin, \"unique\" FROM pragma_index_list('alembic_version')"),
        pk: await db.query("SELECT name FROM pragma_index_info((SELECT name FROM pragma_index_list('alembic_version') WHERE origin = 'pk'))"),
      });
      expect(await shape(byRetort)).toEqual(await shape(byAlembic));
      expect((await shape(byRetort)).columns).toEqual([{ name: "version_num", type: "VARCHAR(32)", notnull: 1, dflt_value: null, pk: 1 }]);
    } finally {
      await byAlembic.drop();
      await byRetort.drop();
    }
  });

  it("refuses a versionSchema, which SQLite does not have", async () => {
    const db = await createTarget("sqlite", "vt_s");
    try {
      const stamp = await executeStampPlan({ connection: connector(db.url, { create: true }), target: { table: "alembic_version", schema: "app" }, actor: "t", expectedRows: [],
        plan: { kind: "stamp", targets: ["a1"], purge: false, ops: [{ op: "insert", revision: "a1" }], before: [], after: ["a1"], notes: [] } });
      expect(stamp).toMatchObject({ ok: false, code: "invalid-target", message: 'SQLite has no schemas: remove versionSchema ("app") from this environment' });
    } finally {
      await db.drop();
    }
  });
});

describe("on MySQL/MariaDB", () => {
  it("is the table Alembic creates, as the server itself prints it", async () => {
    const [byAlembic, byRetort] = [await createTarget("mysql", "vt_a"), await createTarget("mysql", "vt_r")];
    try {
      await alembicStamp(byAlembic.url);
      await retortCreate(byRetort.url);
      const ddl = async (db: TestTarget) => (await db.query<{ "Create Table": string }>("SHOW CREATE TABLE alembic_version"))[0]!["Create Table"];
      expect(await ddl(byRetort)).toEqual(await ddl(byAlembic));
    } finally {
      await byAlembic.drop();
      await byRetort.drop();
    }
  });

  it("keeps the version table in the database versionSchema names, where Alembic reads it", async () => {
    const [app, versions] = [await createTarget("mysql", "vt_app"), await createMysqlDatabase("vt_versions")];
    try {
      const stamp = await executeStampPlan({ connection: connector(app.url), target: { table: "alembic_version", schema: versions.name }, actor: "t", expectedRows: [],
        plan: { kind: "stamp", targets: ["a1"], purge: false, ops: [{ op: "insert", revision: "a1" }], before: [], after: ["a1"], notes: [] } });
      expect(stamp).toMatchObject({ ok: true, rowsAfter: ["a1"] });
      expect(await app.tableExists("alembic_version")).toBe(false);
      const conn = await openConnection(app.url);
      expect(await readVersionRows(conn, { table: "alembic_version", schema: versions.name })).toEqual({ tableExists: true, rows: ["a1"] });
      await conn.close();
      // Alembic, told the same schema, reads the row Retort wrote.
      expect(await alembic(app.url, ["current"], versions.name)).toContain("a1 (head)");
      const missing = await executeStampPlan({ connection: connector(app.url), target: { table: "alembic_version", schema: "retort_no_such_db" }, actor: "t", expectedRows: [],
        plan: { kind: "stamp", targets: ["a1"], purge: false, ops: [{ op: "insert", revision: "a1" }], before: [], after: ["a1"], notes: [] } });
      expect(missing.message).toContain("Create it first (CREATE DATABASE retort_no_such_db)");
    } finally {
      await app.drop();
      await versions.drop();
    }
  });
});
