import type { SchemaDifference } from "./diff";

// Differences grouped by the table they belong to (tables first, by name; then the objects that
// belong to no table: views, sequences, enum types), for the CLI's list and the drift page.

export interface DifferenceGroup {
  /** The table's name, or null for objects outside any table. */
  table: string | null;
  differences: SchemaDifference[];
}

export function groupByTable(differences: readonly SchemaDifference[]): DifferenceGroup[] {
  const groups = new Map<string | null, SchemaDifference[]>();
  for (const difference of differences) {
    const table = difference.table ?? (difference.kind === "table" ? difference.name : null);
    groups.set(table, [...(groups.get(table) ?? []), difference]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([table, list]) => ({ table, differences: list.sort(byKindThenName) }));
}

const KIND_ORDER = ["table", "column", "constraint", "foreign_key", "index", "view", "sequence", "enum"];

function byKindThenName(a: SchemaDifference, b: SchemaDifference): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** One line per differing attribute of a `changed` difference: `type: text → varchar(40)`. */
export function fieldChanges(difference: SchemaDifference): string[] {
  return difference.fields.map((field) => `${field}: ${show(difference.expected?.[field])} → ${show(difference.actual?.[field])}`);
}

export function show(value: unknown): string {
  if (value === undefined) return "(none)";
  if (value === null) return "null";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** What a difference says in words: `extra column loyalty_points`. */
export function describeDifference(difference: SchemaDifference): string {
  const kind = difference.kind.replace("_", " ");
  const change = difference.change === "missing" ? "missing" : difference.change === "extra" ? "extra" : "changed";
  return `${change} ${kind} ${difference.name}`;
}
