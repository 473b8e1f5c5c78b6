// Small builders for schema models in unit tests: only what a case cares about is written.
import type { ColumnModel, SchemaDialect, SchemaModel, TableModel } from "./model";

export function column(name: string, type: string, extra: Partial<ColumnModel> = {}): ColumnModel {
  return { name, type, nullable: true, default: null, identity: null, generated: null, ...extra };
}

export function table(name: string, columns: ColumnModel[], extra: Partial<TableModel> = {}): TableModel {
  return { name, columns, primaryKey: null, uniques: [], foreignKeys: [], checks: [], indexes: [], ...extra };
}

export function schema(dialect: SchemaDialect, tables: TableModel[], extra: Partial<SchemaModel> = {}): SchemaModel {
  return { dialect, schemas: [dialect === "sqlite" ? "main" : "public"], tables, views: [], sequences: [], enums: [], unmodelled: [], ...extra };
}
