// Which files in a versions directory are revisions, and which revision ids are acceptable.

export type RevisionFileKind = "python" | "sql" | "sourceless";

/**
 * Alembic §1.2: `(?!\.\#|__init__)(.*\.py)(c|o)?$` — editor lock files (`.#x.py`) and
 * `__init__*` are skipped; `.pyc`/`.pyo` count only in sourceless mode (and Retort cannot
 * read bytecode, so callers report those as unreadable). `.sql` is Retort's native format,
 * under the same skip rules.
 */
export function classifyRevisionFile(
  filename: string,
  opts: { sourceless?: boolean } = {},
): RevisionFileKind | null {
  if (filename.startsWith(".#") || filename.startsWith("__init__")) return null;
  if (filename.includes("\n")) return null;
  if (filename.endsWith(".py")) return "python";
  if (filename.endsWith(".sql")) return "sql";
  if (opts.sourceless && (filename.endsWith(".pyc") || filename.endsWith(".pyo"))) return "sourceless";
  return null;
}

/** Alembic 1.19's `_revision_illegal_chars`. */
const ILLEGAL_CHARS = ["@", "-", "+", ":"];

/** alembic_version.version_num is VARCHAR(32). */
export const MAX_REVISION_ID_LENGTH = 32;

/** Letters, digits and underscores, at least one: nothing the checks below refuse. */
const PLAIN_ID = /^\w+$/;

/**
 * Returns why `id` cannot be a revision id, or null when it can. The illegal-character text is
 * Alembic's own (`Revision.verify_rev_id`); the other checks guard the version table and CLI.
 */
export function validateRevisionId(id: string): string | null {
  // The usual id (12 hex digits) passes one compiled test; the messages are worked out only for the rest.
  if (id.length <= MAX_REVISION_ID_LENGTH && PLAIN_ID.test(id)) return null;
  const illegal = ILLEGAL_CHARS.filter((char) => id.includes(char)).sort();
  if (illegal.length > 0) {
    return `Character(s) '${illegal.join(", ")}' not allowed in revision identifier '${id}'`;
  }
  if (id === "") return "A revision identifier cannot be empty";
  if (/\s/u.test(id)) return `Revision identifier '${id}' contains whitespace`;
  if (id.length > MAX_REVISION_ID_LENGTH) {
    return (
      `Revision identifier '${id}' is ${id.length} characters long; ` +
      `alembic_version.version_num holds at most ${MAX_REVISION_ID_LENGTH}`
    );
  }
  return null;
}
