// What `alembic upgrade --sql` / `downgrade --sql` prints for PostgreSQL, for a native-SQL plan.
// Shape checked against Alembic 1.8.1's output (alembic-semantics §4.5): blank line after every
// statement, `-- Running upgrade a -> b` comments, version ops with literal values.
import type { MigrationPlan, PlanStep, RevisionSource, VersionOp } from "./types";

export interface OfflineSqlInput {
  plan: MigrationPlan;
  sources: ReadonlyMap<string, RevisionSource>;
  table: string;
  schema?: string | null;
}

export function renderOfflineSql({ plan, sources, table, schema }: OfflineSqlInput): string {
  const versionTable = schema ? `${sqlName(schema)}.${sqlName(table)}` : sqlName(table);
  const out: string[] = ["BEGIN;"];
  // Without a database, the start is the plan's rows; from none, Alembic creates the table first.
  if (plan.before.length === 0) out.push(createVersionTable(versionTable, table));
  for (const step of plan.steps) {
    out.push(`-- Running ${stepLabel(step, sources.get(step.revision))}`);
    const body = stepBody(step, sources.get(step.revision));
    if (body) out.push(body);
    for (const op of step.versionOps) out.push(versionOpSql(op, versionTable));
  }
  out.push("COMMIT;");
  return out.map((chunk) => `${chunk}\n\n`).join("");
}

function createVersionTable(versionTable: string, table: string): string {
  // The trailing space after the first comma is SQLAlchemy's, kept so diffs against Alembic are clean.
  return (
    `CREATE TABLE ${versionTable} (\n` +
    `    version_num VARCHAR(32) NOT NULL, \n` +
    `    CONSTRAINT ${sqlName(`${table}_pkc`.slice(0, 63))} PRIMARY KEY (version_num)\n);`
  );
}

/** Alembic's short_log: `upgrade <down revisions> -> rev` / `downgrade rev -> <down revisions>`. */
function stepLabel(step: PlanStep, source: RevisionSource | undefined): string {
  const downs = (source?.downRevisions ?? []).join(", ");
  return step.direction === "up"
    ? `upgrade ${downs} -> ${step.revision}`
    : `downgrade ${step.revision} -> ${downs}`;
}

function stepBody(step: PlanStep, source: RevisionSource | undefined): string {
  const sql = source?.sql;
  if (!sql) return `-- (no native SQL for ${step.revision})`;
  const body = (step.direction === "up" ? sql.up : sql.down).trim();
  if (!body) return "";
  const lines = [
    ...(sql.transactional ? [] : [`-- transactional: false (Retort runs this outside a transaction)`]),
    terminated(body),
  ];
  return lines.join("\n");
}

/** Every statement printed ends with `;`. A trailing `--` comment would swallow one on its line. */
function terminated(body: string): string {
  if (body.endsWith(";")) return body;
  const lastLine = body.slice(body.lastIndexOf("\n") + 1);
  return lastLine.includes("--") ? `${body}\n;` : `${body};`;
}

function versionOpSql(op: VersionOp, versionTable: string): string {
  // The WHERE clause qualifies the column with the table, as SQLAlchemy renders it.
  switch (op.op) {
    case "insert":
      return `INSERT INTO ${versionTable} (version_num) VALUES (${literal(op.revision)});`;
    case "update":
      return `UPDATE ${versionTable} SET version_num=${literal(op.to)} WHERE ${versionTable}.version_num = ${literal(op.from)};`;
    case "delete":
      return `DELETE FROM ${versionTable} WHERE ${versionTable}.version_num = ${literal(op.revision)};`;
  }
}

export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

// PostgreSQL's reserved key words: SQLAlchemy quotes these, and any name that is not plain lower case.
const RESERVED = new Set(
  ("all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate " +
    "collation column concurrently constraint create cross current_catalog current_date current_role " +
    "current_schema current_time current_timestamp current_user default deferrable desc distinct do else " +
    "end except false fetch for foreign freeze from full grant group having ilike in initially inner intersect " +
    "into is isnull join lateral leading left like limit localtime localtimestamp natural not notnull null " +
    "offset on only or order outer overlaps placing primary references returning right select session_user " +
    "similar some symmetric system_user table tablesample then to trailing true union unique user using " +
    "variadic verbose when where window with").split(" "),
);

/** A name as SQLAlchemy prints it: bare when safe, double-quoted otherwise. */
export function sqlName(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}
