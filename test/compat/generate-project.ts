/**
 * Writes a real, runnable Alembic project from a seed: a random revision DAG rendered in every
 * file style Alembic accepts. Used by the compatibility tests and by the benchmark.
 *
 * Layout: <dir>/alembic.ini (script_location = %(here)s), <dir>/env.py, <dir>/script.py.mako,
 * <dir>/versions/*.py. env.py reads the database URL from RETORT_COMPAT_URL (or uses a connection
 * passed in `config.attributes["connection"]`) and runs all migrations in one transaction. The
 * version table is alembic_version unless RETORT_COMPAT_VERSION_TABLE / _SCHEMA say otherwise.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateGraph, type GraphNode, type GraphOptions } from "./generate-graph";
import { GraphFacts, type GeneratedRevision } from "./generated-graph";
import { createRng, type Rng } from "./prng";
import { randomStyle, renderPythonRevision } from "./render-python";

export type { GeneratedRevision } from "./generated-graph";
export { GraphFacts } from "./generated-graph";

export interface ProjectOptions extends GraphOptions {
  /** Each upgrade()/downgrade() appends (revision, direction) to this table; null → `pass` (default "compat_log"). */
  logTable?: string | null;
  /** Delete `dir` first (default true). */
  clean?: boolean;
}

export interface GeneratedProject {
  seed: number;
  dir: string;
  alembicIni: string;
  versionsDir: string;
  /** In creation order (a topological order); load order is the sorted file names. */
  revisions: GeneratedRevision[];
  facts: GraphFacts;
  /** Environment variable env.py reads the database URL from. */
  urlVariable: string;
}

export const URL_VARIABLE = "RETORT_COMPAT_URL";

export function generateAlembicProject(args: { seed: number; size: number; dir: string; options?: ProjectOptions }): GeneratedProject {
  const { seed, size, dir } = args;
  const options = args.options ?? {};
  const rng = createRng(seed);
  const nodes = generateGraph(rng, size, options);
  const logTable = options.logTable === undefined ? "compat_log" : options.logTable;
  const versionsDir = path.join(dir, "versions");
  if (options.clean ?? true) rmSync(dir, { recursive: true, force: true });
  writeAlembicScaffold({ dir, logTable });
  const revisions: GeneratedRevision[] = [];
  const fileNames = new Set<string>();
  for (const node of nodes) {
    const created = randomDate(rng);
    let fileName = fileNameFor(rng, node, created);
    while (fileNames.has(fileName)) fileName = fileName.replace(/\.py$/, "_.py");
    fileNames.add(fileName);
    writeFileSync(path.join(versionsDir, fileName), renderPythonRevision(node, randomStyle(rng), pythonDate(created), logTable));
    revisions.push({ ...node, fileName });
  }
  return { seed, dir, alembicIni: path.join(dir, "alembic.ini"), versionsDir, revisions,
    facts: new GraphFacts(revisions), urlVariable: URL_VARIABLE };
}

/** alembic.ini, env.py, script.py.mako and an empty versions/ directory. */
export function writeAlembicScaffold(args: { dir: string; logTable: string | null }): void {
  mkdirSync(path.join(args.dir, "versions"), { recursive: true });
  writeFileSync(path.join(args.dir, "alembic.ini"), ALEMBIC_INI);
  writeFileSync(path.join(args.dir, "env.py"), envPy(args.logTable));
  writeFileSync(path.join(args.dir, "script.py.mako"), SCRIPT_MAKO);
}

/** File names whose sorted order differs from creation order, as in real projects. */
function fileNameFor(rng: Rng, node: GraphNode, created: Date): string {
  if (node.legacy) return `${node.revision}.py`;
  const slug = slugOf(node.message);
  const r = rng.next();
  if (r < 0.6) return `${node.revision}_${slug}.py`;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (r < 0.85) {
    return `${created.getUTCFullYear()}_${pad(created.getUTCMonth() + 1)}_${pad(created.getUTCDate())}_` +
      `${pad(created.getUTCHours())}${pad(created.getUTCMinutes())}-${node.revision}_${slug}.py`;
  }
  return `${Math.floor(created.getTime() / 1000)}_${node.revision}_${slug}.py`;
}

/** Alembic's slug: runs of \w joined by "_", lowercased, cut at 40 characters on a "_". */
function slugOf(message: string): string {
  const slug = (message.match(/[\p{L}\p{N}_]+/gu) ?? []).join("_").toLowerCase();
  if (slug.length <= 40) return slug;
  return `${slug.slice(0, 40).replace(/_[^_]*$/, "")}_`;
}

function randomDate(rng: Rng): Date {
  return new Date(Date.UTC(2019, 0, 1) + Math.floor(rng.next() * 6 * 365 * 86_400_000));
}

function pythonDate(d: Date): string {
  return d.toISOString().replace("T", " ").replace("Z", "").replace(/\.(\d{3})$/, ".$1000");
}

const ALEMBIC_INI = `# A generated Alembic project for Retort's compatibility tests.
[alembic]
script_location = %(here)s
file_template = %%(rev)s_%%(slug)s
# env.py reads the URL from ${URL_VARIABLE}; this value is never used.
sqlalchemy.url = postgresql://unused
`;

function envPy(logTable: string | null): string {
  const createLog = logTable === null ? "" :
    `        connection.exec_driver_sql(\n` +
    `            "CREATE TABLE IF NOT EXISTS ${logTable} "\n` +
    `            "(id serial PRIMARY KEY, revision text NOT NULL, direction text NOT NULL)"\n` +
    `        )\n`;
  return `"""Alembic environment of a generated Retort compatibility project."""
import os

from alembic import context
from sqlalchemy import create_engine

config = context.config


def database_url():
    url = os.environ["${URL_VARIABLE}"]
    # SQLAlchemy 1.4 no longer accepts the postgres:// scheme.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    return url


def run(connection):
    context.configure(
        connection=connection,
        target_metadata=None,
        version_table=os.environ.get("RETORT_COMPAT_VERSION_TABLE") or "alembic_version",
        version_table_schema=os.environ.get("RETORT_COMPAT_VERSION_SCHEMA") or None,
    )
    with context.begin_transaction():
${createLog}        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=database_url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif config.attributes.get("connection") is not None:
    run(config.attributes["connection"])
else:
    engine = create_engine(database_url())
    with engine.connect() as connection:
        run(connection)
    engine.dispose()
`;
}

const SCRIPT_MAKO = `"""\${message}

Revision ID: \${up_revision}
Revises: \${down_revision | comma,n}
Create Date: \${create_date}

"""
from alembic import op
import sqlalchemy as sa
\${imports if imports else ""}

# revision identifiers, used by Alembic.
revision = \${repr(up_revision)}
down_revision = \${repr(down_revision)}
branch_labels = \${repr(branch_labels)}
depends_on = \${repr(depends_on)}


def upgrade():
    \${upgrades if upgrades else "pass"}


def downgrade():
    \${downgrades if downgrades else "pass"}
`;
