import "server-only";

// PostgreSQL truncates identifiers at 63 bytes; a plain-ASCII name that fits never needs escaping,
// so anything else is refused outright rather than quoted cleverly.
export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const IDENTIFIER = IDENTIFIER_PATTERN;

export class InvalidIdentifierError extends Error {
  readonly code = "invalid-identifier";
  constructor(message: string) {
    super(message);
    this.name = "InvalidIdentifierError";
  }
}

/** Throws InvalidIdentifierError unless `name` is a plain SQL identifier. `what` names it for the user. */
export function validateIdentifier(name: string, what: string): string {
  if (typeof name !== "string" || !IDENTIFIER.test(name)) {
    const shown = JSON.stringify(String(name).slice(0, 80));
    throw new InvalidIdentifierError(
      `Invalid ${what} ${shown}: use 1-63 letters, digits or underscores, not starting with a digit`,
    );
  }
  return name;
}

export function isValidIdentifier(name: string): boolean {
  return typeof name === "string" && IDENTIFIER.test(name);
}

/**
 * Always quoted, as SQLAlchemy does for mixed-case names: `alembic_version` and
 * `"alembic_version"` are the same table, and `MyVersions` keeps its case.
 */
export function quoteIdentifier(name: string, what = "identifier"): string {
  validateIdentifier(name, what);
  return `"${name}"`;
}

export interface VersionTableTarget {
  table: string;
  /** Null or absent: the first schema on the search_path, as Alembic's default. */
  schema?: string | null;
}

/** `"schema"."table"` or `"table"`, both parts validated. */
export function qualifiedTable({ table, schema }: VersionTableTarget): string {
  const quotedTable = quoteIdentifier(table, "version table name");
  return schema ? `${quoteIdentifier(schema, "version table schema")}.${quotedTable}` : quotedTable;
}
