import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAlembicPython } from "../../lib/server/alembic-python";
import { InvalidIdentifierError, qualifiedTable, validateIdentifier } from "../../lib/server/sql-identifiers";
import { applyVersionOps, ensureVersionTable, purgeVersionTable, readVersionRows, VersionTableError } from "../../lib/server/version-table";
import { openConnection } from "../../lib/server/db/connect";
import type { DbConnection } from "../../lib/server/db/types";
import { createTestDatabase, query, tableExists, type TestDatabase } from "../db";

/** One connection through Retort's dialect layer, closed afterwards. */
async function withClient<T>(url: string, work: (conn: DbConnection) => Promise<T>): Promise<T> {
  const conn = await openConnection(url);
  try {
    return await work(conn);
  } finally {
    await conn.close();
  }
}

const run = promisify(execFile);

// A tiny Alembic project whose env.py takes everything from the environment, so the URL
// (with its password) never appears on a command line.
const ENV_PY = `
import os
from alembic import context
from sqlalchemy import create_engine, pool
engine = create_engine(os.environ["RETORT_TEST_URL"], poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(
        connection=connection,
        version_table=os.environ.get("RETORT_TEST_TABLE") or "alembic_version",
        version_table_schema=os.environ.get("RETORT_TEST_SCHEMA") or None,
    )
    with context.begin_transaction():
        context.run_migrations()
`;
const REVISION = `"""first\n\nRevision ID: a1\n"""\nrevision = "a1"\ndown_revision = None\nbranch_labels = None\ndepends_on = None\ndef upgrade():\n    pass\ndef downgrade():\n    pass\n`;

let projectDir: string;
let python: string;


async function alembic(url: string, args: string[], target: { table?: string; schema?: string } = {}) {
  const env = {
    ...process.env,
    RETORT_TEST_URL: url.replace(/^postgres:/, "postgresql:"), // SQLAlchemy 1.4 wants the long scheme
    RETORT_TEST_TABLE: target.table ?? "",
    RETORT_TEST_SCHEMA: target.schema ?? "",
  };
  const { stdout } = await run(python, ["-m", "alembic", ...args], { cwd: projectDir, env });
  return stdout;
}

/** Everything about a version table that Alembic or Retort could get different. */
async function tableShape(url: string, schema: string, table: string) {
  const columns = await query(
    url,
    `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default, ordinal_position
       FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
    [schema, table],
  );
  const constraints = await query(
    url,
    `SELECT conname, contype, pg_get_constraintdef(oid) AS definition, condeferrable
       FROM pg_constraint WHERE conrelid = to_regclass($1) ORDER BY conname`,
    [`"${schema}"."${table}"`],
  );
  const indexes = await query(url, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 ORDER BY indexname", [schema, table]);
  return { columns, constraints, indexes };
}

beforeAll(async () => {
  const found = findAlembicPython({ modules: ["alembic", "psycopg2"] });
  if (!found) throw new Error("No python3 with alembic and psycopg2 found (set ALEMBIC_PYTHON)");
  python = found;
  projectDir = await fs.mkdtemp(path.join(os.tmpdir(), "retort-alembic-"));
  await fs.mkdir(path.join(projectDir, "versions"));
  await fs.writeFile(path.join(projectDir, "alembic.ini"), "[alembic]\nscript_location = .\n");
  await fs.writeFile(path.join(projectDir, "env.py"), ENV_PY);
  await fs.writeFile(path.join(projectDir, "versions", "a1_first.py"), REVISION);
});
afterAll(async () => {
  await fs.rm(projectDir, { recursive: true, force: true });
});

describe("the version table Retort creates", () => {
  const cases = [
    { name: "default name in public", schema: "public", table: "alembic_version", alembicTarget: {} },
    { name: "custom mixed-case name in its own schema", schema: "app", table: "MyVersions", alembicTarget: { table: "MyVersions", schema: "app" } },
  ];
  for (const { name, schema, table, alembicTarget } of cases) {
    it(`is identical to Alembic's (${name})`, async () => {
      const [byAlembic, byRetort] = [await createTestDatabase("vt_alembic"), await createTestDatabase("vt_retort")];
      try {
        for (const db of [byAlembic, byRetort]) if (schema !== "public") await query(db.url, `CREATE SCHEMA ${schema}`);
        await alembic(byAlembic.url, ["stamp", "head"], alembicTarget);
        const target = { table, schema: schema === "public" ? null : schema };
        await withClient(byRetort.url, (client) => ensureVersionTable(client, target));

        const expected = await tableShape(byAlembic.url, schema, table);
        expect(expected.columns).toHaveLength(1);
        expect(await tableShape(byRetort.url, schema, table)).toEqual(expected);
      } finally {
        await Promise.all([byAlembic.drop(), byRetort.drop()]);
      }
    });
  }
});

describe("version table access", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("vt");
  });
  afterAll(async () => db.drop());

  it("reports a missing table as a state and never creates it when reading", async () => {
    const state = await withClient(db.url, (client) => readVersionRows(client, { table: "never_made" }));
    expect(state).toEqual({ tableExists: false, rows: [] });
    expect(await tableExists(db.url, "never_made")).toBe(false);
  });

  it("reads the rows Alembic wrote, and Alembic reads the rows Retort wrote", async () => {
    await alembic(db.url, ["stamp", "head"], { table: "shared_versions" });
    const target = { table: "shared_versions" };
    expect(await withClient(db.url, (client) => readVersionRows(client, target))).toEqual({ tableExists: true, rows: ["a1"] });

    await withClient(db.url, (client) => applyVersionOps(client, target, [{ op: "delete", revision: "a1" }]));
    expect(await alembic(db.url, ["current"], { table: "shared_versions" })).not.toContain("a1");
    await withClient(db.url, (client) => applyVersionOps(client, target, [{ op: "insert", revision: "a1" }]));
    expect(await alembic(db.url, ["current"], { table: "shared_versions" })).toContain("a1 (head)");
  });

  it("creates the table only when it is missing", async () => {
    const target = { table: "ensure_twice" };
    const created = await withClient(db.url, async (client) => [
      await ensureVersionTable(client, target),
      await ensureVersionTable(client, target),
    ]);
    expect(created).toEqual([true, false]);
  });

  it("names the missing schema instead of failing obscurely", async () => {
    const attempt = withClient(db.url, (client) => ensureVersionTable(client, { table: "alembic_version", schema: "nowhere" }));
    await expect(attempt).rejects.toThrow(VersionTableError);
    await expect(attempt).rejects.toThrow(/Schema "nowhere" does not exist/);
  });

  it("refuses an update or delete that does not match exactly one row, with Alembic's messages", async () => {
    const target = { table: "strict_versions" };
    await withClient(db.url, async (client) => {
      await ensureVersionTable(client, target);
      await applyVersionOps(client, target, [{ op: "insert", revision: "b2" }]);
    });
    const update = withClient(db.url, (client) => applyVersionOps(client, target, [{ op: "update", from: "zz", to: "c3" }]));
    await expect(update).rejects.toThrow("Online migration expected to match one row when updating 'zz' to 'c3' in 'strict_versions'; 0 found");
    const remove = withClient(db.url, (client) => applyVersionOps(client, target, [{ op: "delete", revision: "zz" }]));
    await expect(remove).rejects.toThrow("Online migration expected to match one row when deleting 'zz' in 'strict_versions'; 0 found");
  });

  it("applies a merge's delete-then-update and a purge empties the table but keeps it", async () => {
    const target = { table: "merge_versions" };
    const rows = await withClient(db.url, async (client) => {
      await ensureVersionTable(client, target);
      await applyVersionOps(client, target, [{ op: "insert", revision: "d1" }, { op: "insert", revision: "d2" }]);
      await applyVersionOps(client, target, [{ op: "delete", revision: "d1" }, { op: "update", from: "d2", to: "e" }]);
      const merged = (await readVersionRows(client, target)).rows;
      const purged = await purgeVersionTable(client, target);
      return { merged, purged, after: await readVersionRows(client, target) };
    });
    expect(rows).toEqual({ merged: ["e"], purged: 1, after: { tableExists: true, rows: [] } });
  });
});

describe("identifiers", () => {
  const attacks = ['alembic_version"; DROP TABLE t; --', "x; DELETE FROM alembic_version", "a b", "1abc", "", "x".repeat(64), "tåble"];

  it.each(attacks)("refuses %j as a table name before any SQL runs", async (attack) => {
    expect(() => validateIdentifier(attack, "version table name")).toThrow(InvalidIdentifierError);
    expect(() => qualifiedTable({ table: attack })).toThrow(/Invalid version table name/);
    // An empty schema means "no schema" (the search_path), as in Alembic; every other bad one is refused.
    if (attack) expect(() => qualifiedTable({ table: "alembic_version", schema: attack })).toThrow(/Invalid version table schema/);
  });

  it("reading through a hostile name fails without touching the database", async () => {
    const db = await createTestDatabase("vt_inject");
    try {
      await query(db.url, "CREATE TABLE victim (id int)");
      const attempt = withClient(db.url, (client) => readVersionRows(client, { table: 'victim"; DROP TABLE victim; --' }));
      await expect(attempt).rejects.toThrow(InvalidIdentifierError);
      expect(await tableExists(db.url, "victim")).toBe(true);
    } finally {
      await db.drop();
    }
  });

  it("accepts ordinary names, quoted so their case is kept", () => {
    expect(qualifiedTable({ table: "alembic_version" })).toBe('"alembic_version"');
    expect(qualifiedTable({ table: "MyVersions", schema: "app" })).toBe('"app"."MyVersions"');
  });
});
