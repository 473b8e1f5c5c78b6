// Alembic projects on SQLite and MySQL/MariaDB upgrade through real Alembic, with the
// environment's URL made into one the project's SQLAlchemy accepts (absolute SQLite paths,
// mysql+pymysql://), Retort's lock around the run and one audit run recording it.
import fs from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/server/actions/protection";
import { previewEnvironmentAction } from "../../lib/server/actions/preview";
import { runEnvironmentAction } from "../../lib/server/actions/run-action";
import { listRuns } from "../../lib/server/audit/read";
import { loadConfig } from "../../lib/server/config";
import { closeAllPools } from "../../lib/server/pg";
import { createMysqlDatabase, type TestMysqlDatabase, withMysql } from "../backends";
import { ALEMBIC_ENV_PY } from "../schema/alembic-project";

const revision = (id: string, down: string | null, body: string) =>
  `"""${id}\n\nRevision ID: ${id}\n"""\nfrom alembic import op\nimport sqlalchemy as sa\nrevision = "${id}"\ndown_revision = ${down ? `"${down}"` : "None"}\nbranch_labels = None\ndepends_on = None\n\ndef upgrade():\n    ${body}\n\ndef downgrade():\n    pass\n`;

const admin: Actor = { name: "alice", role: "admin" };
let root: string;
let mysqlDb: TestMysqlDatabase;

function project(name: string, extra: Record<string, string> = {}): string {
  const dir = path.join(root, name);
  fs.mkdirSync(path.join(dir, "versions"), { recursive: true });
  fs.writeFileSync(path.join(dir, "alembic.ini"), `[alembic]\nscript_location = %(here)s\nsqlalchemy.url = ${extra.url ?? "driver://unused"}\n`);
  fs.writeFileSync(path.join(dir, "env.py"), ALEMBIC_ENV_PY);
  fs.writeFileSync(path.join(dir, "versions", "a1_items.py"), revision("a1", null, 'op.create_table("items", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.String(40), nullable=False))'));
  fs.writeFileSync(path.join(dir, "versions", "b2_qty.py"), revision("b2", "a1", 'op.add_column("items", sa.Column("qty", sa.Integer, nullable=True))'));
  fs.writeFileSync(path.join(dir, "versions", "c3_broken.py"), revision("c3", "b2", 'op.execute("INSERT INTO nowhere VALUES (1)")'));
  return path.join(dir, "alembic.ini");
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(tmpdir(), "retort-alembic-backends-"));
  fs.mkdirSync(path.join(root, "data"));
  mysqlDb = await createMysqlDatabase("alembic_act");
  process.env.ALEMBIC_BACKENDS_MYSQL_URL = mysqlDb.url;
  const config = {
    projects: [
      { name: "tiny", alembicIni: project("tiny") },
      { name: "fromini", alembicIni: project("fromini", { url: "sqlite:///%(here)s/fromini.db" }) },
    ],
    environments: [
      // Relative to this config file's directory, as every path in it.
      { name: "lite", project: "tiny", url: "sqlite:///data/lite.db", protection: "none" },
      { name: "maria", project: "tiny", url: "${ALEMBIC_BACKENDS_MYSQL_URL}", protection: "none" },
      { name: "ini", project: "fromini", protection: "none" },
    ],
  };
  fs.writeFileSync(path.join(root, "retort.config.json"), JSON.stringify(config));
  process.env.RETORT_CONFIG = path.join(root, "retort.config.json");
});

afterAll(async () => {
  await closeAllPools();
  await mysqlDb?.drop();
  fs.rmSync(root, { recursive: true, force: true });
  delete process.env.RETORT_CONFIG;
});

async function upgrade(env: string, target: string, expectedRows: string[]) {
  const preview = await previewEnvironmentAction({ actor: admin, env, request: { kind: "upgrade", target } });
  if (!preview.ok) throw new Error(`${preview.code}: ${preview.message}`);
  expect(preview.data.executor).toBe("alembic");
  return runEnvironmentAction({ actor: admin, env, request: { kind: "upgrade", target }, expectedRows, planDigest: preview.data.planDigest });
}

describe.each(["lite", "maria"])("an Alembic project on %s", (env) => {
  it("upgrades through real Alembic, records one audit run, and a failing revision leaves the rows at the last good one", async () => {
    const ok = await upgrade(env, "b2", []);
    if (!ok.ok) throw new Error(`${ok.code}: ${ok.message}\n${ok.outcome?.output}`);
    expect(ok.data).toMatchObject({ rowsAfter: ["b2"], matchesPlan: true });
    expect(ok.data.output).toContain("Running upgrade");
    expect(ok.data.output).not.toMatch(/mysql:\/\/|sqlite:\/\/|retort_test|alembic_act/);
    const failed = await upgrade(env, "c3", ["b2"]);
    expect(failed).toMatchObject({ ok: false, code: "step-failed" });
    if (failed.ok) return;
    expect(failed.outcome).toMatchObject({ rowsAfter: ["b2"] });
    expect(failed.message).toMatch(/nowhere/);
    const config = loadConfig();
    if (!config.ok) throw new Error("config");
    const { runs } = await listRuns({ environments: config.config.environments.filter((e) => e.name === env) });
    expect(runs.map((r) => `${r.target}:${r.status}`)).toEqual(["c3:failed", "b2:applied"]);
  });
});

describe("where the URL comes from", () => {
  it("resolves a relative SQLite path against the config file, and Alembic wrote exactly there", async () => {
    expect(fs.existsSync(path.join(root, "data", "lite.db"))).toBe(true);
    const tables = await withMysql(mysqlDb.url, async (c) => (await c.query("SHOW TABLES"))[0] as Record<string, string>[]);
    expect(tables.map((t) => Object.values(t)[0]).sort()).toEqual(["alembic_version", "items", "retort_audit", "retort_lock", "retort_revision"]);
  });

  it("takes an Alembic project's URL from its ini's sqlalchemy.url (with %(here)s) when the environment names none", async () => {
    const result = await upgrade("ini", "a1", []);
    if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
    expect(result.data.rowsAfter).toEqual(["a1"]);
    expect(fs.existsSync(path.join(root, "fromini", "fromini.db"))).toBe(true);
  });
});
