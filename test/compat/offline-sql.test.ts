// `retort upgrade|downgrade --sql` against `alembic upgrade|downgrade --sql` on the same
// revisions, for each backend's flavour: PostgreSQL wraps the script in BEGIN/COMMIT, SQLite and
// MySQL print no transaction (their DDL is not transactional), and every line else is the same.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadMigrationDirectory } from "../../lib/server/migration-dir";
import { buildRevisionMap } from "../../lib/core/graph/revision-map";
import { planUpgrade } from "../../lib/core/plan/plan-upgrade";
import { planDowngrade } from "../../lib/core/plan/plan-downgrade";
import { renderOfflineSql, type SqlFlavor } from "../../lib/core/render/offline-sql";
import { alembicPython } from "./alembic-side";

const REVISIONS = [
  { id: "a1", down: null, up: "CREATE TABLE t (id int)", downSql: "DROP TABLE t" },
  { id: "b2", down: "a1", up: "ALTER TABLE t ADD COLUMN name varchar(40)", downSql: "ALTER TABLE t DROP COLUMN name" },
  { id: "c3", down: "b2", up: "CREATE INDEX t_name ON t (name)", downSql: "DROP INDEX t_name" },
];
const URLS: Record<SqlFlavor, string> = {
  postgresql: "postgresql://retort@localhost/unused",
  sqlite: "sqlite:///unused.db",
  mysql: "mysql+pymysql://root@127.0.0.1/unused",
};

const root = mkdtempSync(path.join(os.tmpdir(), "retort-offline-sql-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeProjects(): { alembicDir: string; sqlDir: string } {
  const alembicDir = path.join(root, "alembic");
  const sqlDir = path.join(root, "sql");
  mkdirSync(path.join(alembicDir, "versions"), { recursive: true });
  mkdirSync(sqlDir, { recursive: true });
  writeFileSync(path.join(alembicDir, "env.py"), [
    "from alembic import context",
    "context.configure(url=context.config.get_main_option('sqlalchemy.url'), literal_binds=True)",
    "with context.begin_transaction():",
    "    context.run_migrations()",
    "",
  ].join("\n"));
  writeFileSync(path.join(alembicDir, "script.py.mako"), "");
  for (const r of REVISIONS) {
    writeFileSync(path.join(alembicDir, "versions", `${r.id}.py`), [
      `revision = ${JSON.stringify(r.id)}`,
      `down_revision = ${r.down ? JSON.stringify(r.down) : "None"}`,
      "from alembic import op",
      `def upgrade():\n    op.execute(${JSON.stringify(r.up)})`,
      `def downgrade():\n    op.execute(${JSON.stringify(r.downSql)})`,
      "",
    ].join("\n"));
    writeFileSync(path.join(sqlDir, `${r.id}.sql`), [
      `-- revision: ${r.id}`, `-- down_revision: ${r.down ?? ""}`, "", "-- migrate:up", r.up, "", "-- migrate:down", r.downSql, "",
    ].join("\n"));
  }
  return { alembicDir, sqlDir };
}

function alembicSql(alembicDir: string, url: string, argv: string[]): string {
  writeFileSync(path.join(root, "alembic.ini"), `[alembic]\nscript_location = ${alembicDir}\nsqlalchemy.url = ${url}\n`);
  const run = spawnSync(alembicPython(), ["-m", "alembic", "-c", path.join(root, "alembic.ini"), ...argv, "--sql"], { cwd: root, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`alembic ${argv.join(" ")} --sql failed: ${run.stderr.slice(-1500)}`);
  // Alembic 1.8 on SQLAlchemy 1.4 adds PostgreSQL's implicit RETURNING to the version INSERT in
  // offline mode (nothing reads it back; later Alembic versions leave it out): not part of the plan.
  return run.stdout.replace(/ RETURNING alembic_version\.version_num;/g, ";");
}

describe("offline SQL matches Alembic's --sql on each backend", () => {
  const { alembicDir, sqlDir } = writeProjects();
  for (const flavor of ["postgresql", "sqlite", "mysql"] as const) {
    it(`${flavor}: upgrade from nothing to head, upgrade a1:c3, downgrade c3:a1`, async () => {
      const directory = await loadMigrationDirectory({ dir: sqlDir });
      const map = buildRevisionMap(directory.sources);
      const sources = new Map(directory.sources.map((r) => [r.revision, r]));
      const render = (plan: ReturnType<typeof planUpgrade>) => {
        if (!plan.ok) throw new Error(plan.error.message);
        return renderOfflineSql({ plan: plan.value, sources, table: "alembic_version", flavor });
      };
      expect(render(planUpgrade(map, { target: "heads", rows: [] }))).toBe(alembicSql(alembicDir, URLS[flavor], ["upgrade", "head"]));
      expect(render(planUpgrade(map, { target: "c3", rows: ["a1"] }))).toBe(alembicSql(alembicDir, URLS[flavor], ["upgrade", "a1:c3"]));
      expect(render(planDowngrade(map, { target: "a1", rows: ["c3"] }))).toBe(alembicSql(alembicDir, URLS[flavor], ["downgrade", "c3:a1"]));
    });
  }
});
