// The whole model in canonical form: every type, default and expression in one spelling and
// every collection in a stable order. Introspection ends with it; the diff relies on it.
// Idempotent, so a model written by hand (or read from the cache) can be passed through again.
import type { CheckModel, ColumnModel, ForeignKeyModel, IndexModel, ReferentialAction, SchemaDialect, SchemaModel, TableModel } from "./model";
import { normaliseDefault } from "./normalise-default";
import { normaliseExpression } from "./normalise-expression";
import { normaliseType } from "./normalise-type";

export function normaliseSchema(model: SchemaModel): SchemaModel {
  const dialect = model.dialect;
  const expression = (text: string) => normaliseExpression(text, dialect);
  return {
    dialect,
    schemas: [...model.schemas],
    tables: byName(model.tables.map((table) => normaliseTable(table, dialect))),
    views: byName(model.views.map((view) => ({ ...view, definition: expression(view.definition) }))),
    sequences: byName(model.sequences.map((sequence) => ({ ...sequence, type: normaliseType(sequence.type, dialect) }))),
    enums: byName(model.enums.map((e) => ({ ...e, labels: [...e.labels] }))),
    unmodelled: [...model.unmodelled].sort((a, b) => compareText(`${a.kind} ${a.table ?? ""} ${a.name}`, `${b.kind} ${b.table ?? ""} ${b.name}`)),
  };
}

function normaliseTable(table: TableModel, dialect: SchemaDialect): TableModel {
  const expression = (text: string) => normaliseExpression(text, dialect);
  return {
    name: table.name,
    columns: table.columns.map((column) => normaliseColumn(column, dialect)),
    primaryKey: table.primaryKey ? { name: table.primaryKey.name, columns: [...table.primaryKey.columns] } : null,
    uniques: sortBy(table.uniques.map((u) => ({ name: u.name, columns: [...u.columns] })), (u) => u.name ?? u.columns.join(",")),
    foreignKeys: sortBy(table.foreignKeys.map((fk) => normaliseForeignKey(fk, dialect)), foreignKeyKey),
    checks: sortBy(table.checks.map((c): CheckModel => ({ name: c.name, expression: expression(c.expression) })), (c) => c.name ?? c.expression),
    indexes: byName(table.indexes.map((index) => normaliseIndex(index, dialect))),
  };
}

function normaliseColumn(column: ColumnModel, dialect: SchemaDialect): ColumnModel {
  return {
    name: column.name,
    type: normaliseType(column.type, dialect),
    nullable: column.nullable,
    // A generated column has an expression, not a default; identity columns own their sequence.
    default: column.generated || column.identity === "always" || column.identity === "by-default" ? null : normaliseDefault(column.default, dialect),
    identity: column.identity,
    generated: column.generated ? { expression: normaliseExpression(column.generated.expression, dialect), stored: column.generated.stored } : null,
  };
}

function normaliseForeignKey(fk: ForeignKeyModel, dialect: SchemaDialect): ForeignKeyModel {
  const columns = { columns: [...fk.columns], referencedColumns: [...fk.referencedColumns] };
  return { ...fk, ...columns, onUpdate: action(fk.onUpdate, dialect), onDelete: action(fk.onDelete, dialect) };
}

/** Unnamed foreign keys (SQLite) are told apart by what they link. */
export function foreignKeyKey(fk: ForeignKeyModel): string {
  return fk.name ?? `(${fk.columns.join(",")})->${fk.referencedTable}(${fk.referencedColumns.join(",")})`;
}

function action(value: string, dialect: SchemaDialect): ReferentialAction {
  const text = value.toLowerCase().replace(/_/g, " ").trim() || "no action";
  // InnoDB treats NO ACTION as RESTRICT and reports either; both refuse the change immediately.
  if (dialect === "mysql" && text === "no action") return "restrict";
  return text as ReferentialAction;
}

function normaliseIndex(index: IndexModel, dialect: SchemaDialect): IndexModel {
  const method = index.method?.toLowerCase() ?? null;
  return {
    name: index.name,
    unique: index.unique,
    columns: index.columns.map((c) => normaliseExpression(c, dialect)),
    predicate: index.predicate === null ? null : normaliseExpression(index.predicate, dialect),
    method: method === "btree" || method === "" ? null : method,
    include: [...index.include],
  };
}

function byName<T extends { name: string }>(items: T[]): T[] {
  return sortBy(items, (item) => item.name);
}

function sortBy<T>(items: T[], key: (item: T) => string): T[] {
  return items.sort((a, b) => compareText(key(a), key(b)));
}

/** Code-point order, the same on every machine (localeCompare is not). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
