// The SQL that would turn the actual object into the expected one, where one obvious statement
// (or a short obvious sequence) does it. Null where it is not obvious, e.g. any constraint change
// on SQLite, which needs the table rebuilt. Shown to people; Retort never runs it by itself.
import type { SchemaDifference } from "./difference";
import type { ColumnModel, IndexModel, SchemaDialect, SchemaModel, SequenceModel, ForeignKeyModel } from "./model";
import { columnDefinition, createIndex, createTable, foreignKeyClause, quoteList, quoteName, quoteQualified } from "./sql-render";

type Difference = Omit<SchemaDifference, "sql">;

export function reconcileSql(d: Difference, models: { expected: SchemaModel; actual: SchemaModel }): string | null {
  const dialect = models.expected.dialect;
  const statements = statementsFor(d, models, dialect);
  return statements && statements.length > 0 ? statements.map((s) => `${s};`).join("\n") : null;
}

function statementsFor(d: Difference, models: { expected: SchemaModel; actual: SchemaModel }, dialect: SchemaDialect): string[] | null {
  const table = d.table === null ? "" : quoteQualified(d.table, dialect);
  const name = quoteName(d.name, dialect);
  switch (d.kind) {
    case "table": {
      if (d.change === "extra") return [`DROP TABLE ${table}`];
      const model = models.expected.tables.find((t) => t.name === d.table);
      return model ? createTable(model, dialect) : null;
    }
    case "column":
      return columnStatements(d, table, name, dialect);
    case "index":
      return indexStatements(d, dialect);
    case "constraint":
      return constraintStatements(d, table, dialect);
    case "foreign_key":
      return foreignKeyStatements(d, table, dialect);
    case "view":
      return viewStatements(d, quoteQualified(d.name, dialect), dialect);
    case "sequence":
      return sequenceStatements(d, quoteQualified(d.name, dialect), dialect);
    case "enum":
      return enumStatements(d, quoteQualified(d.name, dialect));
  }
}

function columnStatements(d: Difference, table: string, name: string, dialect: SchemaDialect): string[] | null {
  const expected = d.expected as Omit<ColumnModel, "name"> | null;
  if (d.change === "extra") return [`ALTER TABLE ${table} DROP COLUMN ${name}`];
  const definition = columnDefinition({ ...expected!, name: d.name }, dialect);
  if (d.change === "missing") return [`ALTER TABLE ${table} ADD COLUMN ${definition}`];
  if (dialect === "mysql") return [`ALTER TABLE ${table} MODIFY COLUMN ${definition}`];
  if (dialect === "sqlite" || d.fields.some((f) => f === "identity" || f === "generated")) return null;
  const alter = `ALTER TABLE ${table} ALTER COLUMN ${name}`;
  const out: string[] = [];
  if (d.fields.includes("type")) out.push(`${alter} TYPE ${expected!.type}`);
  if (d.fields.includes("nullable")) out.push(`${alter} ${expected!.nullable ? "DROP" : "SET"} NOT NULL`);
  if (d.fields.includes("default")) out.push(expected!.default === null ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${expected!.default}`);
  return out;
}

function indexStatements(d: Difference, dialect: SchemaDialect): string[] {
  const drop = dialect === "mysql" ? `DROP INDEX ${quoteName(d.name, dialect)} ON ${quoteQualified(d.table!, dialect)}` : `DROP INDEX ${quoteName(d.name, dialect)}`;
  const create = d.expected ? createIndex(d.table!, { ...(d.expected as Omit<IndexModel, "name">), name: d.name }, dialect) : "";
  if (d.change === "extra") return [drop];
  return d.change === "missing" ? [create] : [drop, create];
}

interface ConstraintValue {
  type: "primary key" | "unique" | "check";
  name?: string | null;
  columns?: string[];
  expression?: string;
}

function constraintStatements(d: Difference, table: string, dialect: SchemaDialect): string[] | null {
  if (dialect === "sqlite") return null;
  const expected = d.expected as ConstraintValue | null;
  const actual = d.actual as ConstraintValue | null;
  const out: string[] = [];
  if (actual) out.push(`ALTER TABLE ${table} ${dropConstraint(d.name, actual, dialect)}`);
  if (expected) {
    const name = expected.type === "primary key" ? expected.name : d.name;
    const prefix = name && !(dialect === "mysql" && expected.type === "primary key") ? `CONSTRAINT ${quoteName(name, dialect)} ` : "";
    const body = expected.type === "check" ? `CHECK (${expected.expression})` : `${expected.type.toUpperCase()} (${quoteList(expected.columns ?? [], dialect)})`;
    out.push(`ALTER TABLE ${table} ADD ${prefix}${body}`);
  }
  return out;
}

function dropConstraint(name: string, value: ConstraintValue, dialect: SchemaDialect): string {
  if (dialect === "mysql" && value.type === "primary key") return "DROP PRIMARY KEY";
  if (dialect === "mysql" && value.type === "unique") return `DROP INDEX ${quoteName(name, dialect)}`;
  // PostgreSQL names the primary key constraint; the difference carries that name.
  const constraint = value.type === "primary key" ? value.name ?? name : name;
  return `DROP CONSTRAINT ${quoteName(constraint, dialect)}`;
}

function foreignKeyStatements(d: Difference, table: string, dialect: SchemaDialect): string[] | null {
  if (dialect === "sqlite") return null;
  const out: string[] = [];
  const name = quoteName(d.name, dialect);
  if (d.actual) out.push(`ALTER TABLE ${table} DROP ${dialect === "mysql" ? "FOREIGN KEY" : "CONSTRAINT"} ${name}`);
  if (d.expected) out.push(`ALTER TABLE ${table} ADD CONSTRAINT ${name} ${foreignKeyClause(d.expected as Omit<ForeignKeyModel, "name">, dialect)}`);
  return out;
}

function viewStatements(d: Difference, view: string, dialect: SchemaDialect): string[] {
  const expected = d.expected as { definition: string; materialized: boolean } | null;
  const actual = d.actual as { definition: string; materialized: boolean } | null;
  const drop = `DROP ${actual?.materialized ? "MATERIALIZED VIEW" : "VIEW"} ${view}`;
  if (!expected) return [drop];
  if (expected.materialized) return [...(actual ? [drop] : []), `CREATE MATERIALIZED VIEW ${view} AS ${expected.definition}`];
  if (actual && (dialect === "sqlite" || actual.materialized)) return [drop, `CREATE VIEW ${view} AS ${expected.definition}`];
  return [`${actual ? "CREATE OR REPLACE" : "CREATE"} VIEW ${view} AS ${expected.definition}`];
}

/** MariaDB's sequences are always BIGINT and spell it NOCYCLE. */
function sequenceStatements(d: Difference, sequence: string, dialect: SchemaDialect): string[] {
  if (!d.expected) return [`DROP SEQUENCE ${sequence}`];
  const s = d.expected as Omit<SequenceModel, "name">;
  const type = dialect === "mysql" ? "" : ` AS ${s.type}`;
  const cycle = s.cycle ? "CYCLE" : dialect === "mysql" ? "NOCYCLE" : "NO CYCLE";
  const options = `INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start} ${cycle}`;
  return [`${d.actual ? "ALTER" : "CREATE"} SEQUENCE ${sequence}${type} ${options}`];
}

/** PostgreSQL can add enum labels in place, but never remove or reorder them. */
function enumStatements(d: Difference, type: string): string[] | null {
  const literal = (label: string) => `'${label.split("'").join("''")}'`;
  const expected = (d.expected as { labels: string[] } | null)?.labels;
  const actual = (d.actual as { labels: string[] } | null)?.labels;
  if (!expected) return [`DROP TYPE ${type}`];
  if (!actual) return [`CREATE TYPE ${type} AS ENUM (${expected.map(literal).join(", ")})`];
  if (actual.some((label, i) => expected.indexOf(label) < 0 || (i > 0 && expected.indexOf(label) < expected.indexOf(actual[i - 1]!)))) return null;
  const out: string[] = [];
  const firstKept = expected.find((label) => actual.includes(label));
  expected.forEach((label, i) => {
    if (actual.includes(label)) return;
    // Labels are added in order, so the one before is in place by then; leading ones go before the first kept label.
    const position = i > 0 ? `AFTER ${literal(expected[i - 1]!)}` : firstKept ? `BEFORE ${literal(firstKept)}` : "";
    out.push(`ALTER TYPE ${type} ADD VALUE ${literal(label)}${position ? ` ${position}` : ""}`);
  });
  return out;
}
