// A tiny portable Alembic project (op.create_table, add_column, create_index, a foreign key) for
// the drift tests on SQLite and MySQL, with env.py as `alembic init` writes it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** env.py as `alembic init` writes it (sync engine from the ini's sqlalchemy.url). */
export const ALEMBIC_ENV_PY = `from alembic import context
from sqlalchemy import engine_from_config, pool
config = context.config
connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
`;

export const TINY = { widgets: "a1b2c3d4e5f1", colour: "a1b2c3d4e5f2", parts: "a1b2c3d4e5f3" } as const;

const REVISIONS: [string, string | null, string][] = [
  [TINY.widgets, null, `op.create_table("widgets", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.String(40), nullable=False))`],
  [TINY.colour, TINY.widgets, `op.add_column("widgets", sa.Column("colour", sa.String(10), server_default="red"))\n    op.create_index("widgets_name_idx", "widgets", ["name"])`],
  [TINY.parts, TINY.colour, `op.create_table("parts", sa.Column("id", sa.Integer, primary_key=True), sa.Column("widget_id", sa.Integer, sa.ForeignKey("widgets.id", name="parts_widget_fk"), nullable=False))`],
];

export function writeTinyAlembicProject(): { root: string; ini: string; drop(): void } {
  const root = mkdtempSync(path.join(os.tmpdir(), "retort-drift-tiny-"));
  mkdirSync(path.join(root, "alembic", "versions"), { recursive: true });
  writeFileSync(path.join(root, "alembic.ini"), "[alembic]\nscript_location = %(here)s/alembic\n");
  writeFileSync(path.join(root, "alembic", "env.py"), ALEMBIC_ENV_PY);
  for (const [id, down, body] of REVISIONS) {
    const text = `"""${id}\n\nRevision ID: ${id}\n"""\nfrom alembic import op\nimport sqlalchemy as sa\nrevision = "${id}"\ndown_revision = ${down ? `"${down}"` : "None"}\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    ${body}\n\n\ndef downgrade():\n    pass\n`;
    writeFileSync(path.join(root, "alembic", "versions", `${id}_step.py`), text);
  }
  return { root, ini: path.join(root, "alembic.ini"), drop: () => rmSync(root, { recursive: true, force: true }) };
}
