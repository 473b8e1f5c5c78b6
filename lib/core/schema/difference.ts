// One difference between an expected and an actual schema, as `retort drift --json` lists it:
// the vocabulary diff.ts produces and reconcile-sql.ts turns into SQL.
import type { ObjectKind } from "./flatten";

export type ChangeType = "missing" | "extra" | "changed";

export interface SchemaDifference {
  /** missing: expected but absent; extra: present but not expected; changed: both, unequal. */
  change: ChangeType;
  kind: ObjectKind;
  table: string | null;
  name: string;
  expected: Record<string, unknown> | null;
  actual: Record<string, unknown> | null;
  /** For `changed`: the attributes that differ (`type`, `nullable`, `columns`, …). */
  fields: string[];
  /** SQL that would turn actual into expected, or null where no single obvious statement does. */
  sql: string | null;
}

/** A difference before its reconciling SQL is written. */
export type ObjectDifference = Omit<SchemaDifference, "sql">;
