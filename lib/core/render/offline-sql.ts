// What `alembic upgrade --sql` / `downgrade --sql` prints, for a native-SQL plan. Shape checked
// against Alembic 1.8.1's output (alembic-semantics §4.5): blank line after every statement,
// `-- Running upgrade a -> b` comments, version ops with literal values. PostgreSQL wraps it all
// in BEGIN/COMMIT (transactional DDL); SQLite and MySQL print no transaction, and MySQL quotes
// with backticks.
import type { MigrationPlan, PlanStep, RevisionSource, VersionOp } from "../types";

export interface OfflineSqlInput {
  plan: MigrationPlan;
  sources: ReadonlyMap<string, RevisionSource>;
  table: string;
  schema?: string | null;
  /** The backend the SQL is for (default PostgreSQL). */
  flavor?: SqlFlavor;
}

export type SqlFlavor = "postgresql" | "sqlite" | "mysql";

export function renderOfflineSql({ plan, sources, table, schema, flavor = "postgresql" }: OfflineSqlInput): string {
  const name = (n: string) => sqlName(n, flavor);
  const versionTable = schema ? `${name(schema)}.${name(table)}` : name(table);
  const out: string[] = [];
  // Without a database, the start is the plan's rows; from none, Alembic creates the table first.
  if (plan.before.length === 0) out.push(createVersionTable(versionTable, name(`${table}_pkc`.slice(0, 63))));
  for (const step of plan.steps) {
    out.push(`-- Running ${stepLabel(step, sources.get(step.revision))}`);
    const body = stepBody(step, sources.get(step.revision));
    if (body) out.push(body);
    for (const op of step.versionOps) out.push(versionOpSql(op, versionTable));
  }
  return inTransaction(out, flavor);
}

/** Alembic's offline output opens a transaction only where DDL is transactional (PostgreSQL). */
export function inTransaction(chunks: string[], flavor: SqlFlavor): string {
  const all = flavor === "postgresql" ? ["BEGIN;", ...chunks, "COMMIT;"] : chunks;
  return all.map((chunk) => `${chunk}\n\n`).join("");
}

export function createVersionTable(versionTable: string, constraint: string): string {
  // The trailing space after the first comma is SQLAlchemy's, kept so diffs against Alembic are clean.
  return (
    `CREATE TABLE ${versionTable} (\n` +
    `    version_num VARCHAR(32) NOT NULL, \n` +
    `    CONSTRAINT ${constraint} PRIMARY KEY (version_num)\n);`
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

/**
 * A name as SQLAlchemy prints it: bare when safe, quoted otherwise (double quotes; backticks on
 * MySQL). The reserved words are PostgreSQL's on every backend, a superset of the names a
 * version table is given in practice.
 */
export function sqlName(name: string, flavor: SqlFlavor = "postgresql"): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name)) return name;
  return flavor === "mysql" ? `\`${name.replace(/`/g, "``")}\`` : `"${name.replace(/"/g, '""')}"`;
}
