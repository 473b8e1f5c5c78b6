// Every difference between the schema a revision should have (expected) and the one a database
// has (actual), in the shape of `retort drift --json`, each with the SQL that would reconcile
// it where that is obvious.
import { differingFields, flattenSchema, type ObjectKind, type SchemaObject } from "./flatten";
import type { SchemaModel, UnmodelledObject } from "./model";
import { compareText, normaliseSchema } from "./normalise";
import { reconcileSql } from "./reconcile-sql";
import type { ChangeType, ObjectDifference, SchemaDifference } from "./difference";

export type { ChangeType, ObjectDifference, SchemaDifference } from "./difference";

export interface UnmodelledEntry extends UnmodelledObject {
  inExpected: boolean;
  inActual: boolean;
}

export interface SchemaComparison {
  differences: SchemaDifference[];
  /** Objects Retort does not compare, with where each was seen. */
  unmodelled: UnmodelledEntry[];
}

export function compareSchemas(expectedModel: SchemaModel, actualModel: SchemaModel): SchemaComparison {
  const expected = normaliseSchema(expectedModel);
  const actual = normaliseSchema(actualModel);
  const differences = diffObjects(flattenSchema(expected), flattenSchema(actual))
    .sort(byPlace)
    .map((d) => ({ ...d, sql: reconcileSql(d, { expected, actual }) }));
  return { differences, unmodelled: compareUnmodelled(expected.unmodelled, actual.unmodelled) };
}


/** The differences between two flattened schemas, unordered and without SQL: what a search counts. */
export function diffObjects(want: ReadonlyMap<string, SchemaObject>, have: ReadonlyMap<string, SchemaObject>): ObjectDifference[] {
  const raw: ObjectDifference[] = [];
  for (const [key, object] of want) {
    const found = have.get(key);
    if (!found) raw.push(difference("missing", object, null));
    else if (found.signature !== object.signature) raw.push(difference("changed", object, found));
  }
  for (const [key, object] of have) if (!want.has(key)) raw.push(difference("extra", null, object));
  return collapseTableParts(raw);
}

function difference(change: ChangeType, expected: SchemaObject | null, actual: SchemaObject | null): ObjectDifference {
  const object = (expected ?? actual)!;
  return {
    change,
    kind: object.kind,
    table: object.table,
    name: object.name,
    expected: expected?.value ?? null,
    actual: actual?.value ?? null,
    fields: expected && actual ? differingFields(expected, actual) : [],
  };
}

/** A missing or extra table is one difference, not one per column, index and constraint. */
function collapseTableParts(differences: ObjectDifference[]): ObjectDifference[] {
  const wholeTables = new Set(differences.filter((d) => d.kind === "table").map((d) => d.table));
  return differences.filter((d) => d.kind === "table" || !wholeTables.has(d.table));
}

const KIND_ORDER: ObjectKind[] = ["table", "column", "constraint", "foreign_key", "index", "view", "sequence", "enum"];

function byPlace(a: ObjectDifference, b: ObjectDifference): number {
  if (a.table !== b.table) return a.table === null ? 1 : b.table === null ? -1 : compareText(a.table, b.table);
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareText(a.name, b.name);
}

function compareUnmodelled(expected: UnmodelledObject[], actual: UnmodelledObject[]): UnmodelledEntry[] {
  const key = (o: UnmodelledObject) => `${o.kind}\u0000${o.table ?? ""}\u0000${o.name}`;
  const entries = new Map<string, UnmodelledEntry>();
  for (const o of expected) entries.set(key(o), { ...o, inExpected: true, inActual: false });
  for (const o of actual) {
    const seen = entries.get(key(o));
    if (seen) seen.inActual = true;
    else entries.set(key(o), { ...o, inExpected: false, inActual: true });
  }
  return [...entries.values()];
}
