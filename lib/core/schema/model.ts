// One comparable model of a database schema, whichever backend it was read from. Pure types.
// Every string in a model is normalised (see normalise.ts), so equal schemas are equal values.

export type SchemaDialect = "postgresql" | "sqlite" | "mysql";

export interface SchemaModel {
  dialect: SchemaDialect;
  /** Schemas that were read; objects of the first carry bare names, others `schema.name`. */
  schemas: string[];
  tables: TableModel[];
  views: ViewModel[];
  sequences: SequenceModel[];
  enums: EnumModel[];
  /** Objects Retort saw but does not compare (triggers, functions, …): listed, never dropped silently. */
  unmodelled: UnmodelledObject[];
}

export interface TableModel {
  name: string;
  columns: ColumnModel[];
  primaryKey: PrimaryKeyModel | null;
  uniques: UniqueModel[];
  foreignKeys: ForeignKeyModel[];
  checks: CheckModel[];
  /** Indexes that do not back a primary key or unique constraint. */
  indexes: IndexModel[];
}

export type Identity = "always" | "by-default" | "auto-increment";

export interface ColumnModel {
  name: string;
  /** Normalised type: `integer`, `varchar(32)`, `timestamptz`; SQLite: the affinity. */
  type: string;
  nullable: boolean;
  /** Normalised default expression, or null when there is none. */
  default: string | null;
  identity: Identity | null;
  generated: { expression: string; stored: boolean } | null;
}

export interface PrimaryKeyModel {
  /** Null where the backend has no name for it (SQLite, MySQL's fixed `PRIMARY`). */
  name: string | null;
  columns: string[];
}

export interface UniqueModel {
  name: string | null;
  columns: string[];
}

export type ReferentialAction = "no action" | "restrict" | "cascade" | "set null" | "set default";

export interface ForeignKeyModel {
  name: string | null;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onUpdate: ReferentialAction;
  onDelete: ReferentialAction;
  /** PostgreSQL: "deferrable" or "deferrable initially deferred"; null when not deferrable. */
  deferrable: string | null;
}

export interface CheckModel {
  name: string | null;
  expression: string;
}

export interface IndexModel {
  name: string;
  unique: boolean;
  /** Column names or expressions in key order, each with ` desc` when descending. */
  columns: string[];
  /** Partial index predicate (the WHERE clause), or null. */
  predicate: string | null;
  /** Access method when not the default b-tree (`gin`, `hash`, `fulltext`, …), else null. */
  method: string | null;
  /** Non-key columns (PostgreSQL INCLUDE). */
  include: string[];
}

export interface ViewModel {
  name: string;
  definition: string;
  materialized: boolean;
}

export interface SequenceModel {
  name: string;
  type: string;
  /** Big integers as decimal strings: sequences reach past 2^53. */
  start: string;
  increment: string;
  min: string;
  max: string;
  cycle: boolean;
}

export interface EnumModel {
  name: string;
  labels: string[];
}

export interface UnmodelledObject {
  /** What it is in the backend's words: `trigger`, `function`, `domain`, `event`, … */
  kind: string;
  name: string;
  table: string | null;
}

export function emptySchema(dialect: SchemaDialect, schemas: string[]): SchemaModel {
  return { dialect, schemas, tables: [], views: [], sequences: [], enums: [], unmodelled: [] };
}
