// The revision Alembic's Script object makes of a module's values and docstring, shared by the
// full reading (parse-python.ts) and the template fast path (template-revision.ts).
import type { RevisionSource } from "../types";

/** The module-level names Alembic reads from a revision file. */
export const VARIABLES = ["revision", "down_revision", "branch_labels", "depends_on"] as const;
export type RevisionVariable = (typeof VARIABLES)[number];

/** Alembic's legacy rule (§1.3): without `revision`, a file named by a hex id (`<hex>.py`) has that id. */
export function legacyRevisionId(filename: string): string | null {
  return /^([a-f0-9]+)\.py$/.exec(filename)?.[1] ?? null;
}

/** The revision Alembic's Script makes of these values and the module docstring. */
export function alembicSource(path: string, revision: string, downRevisions: string[], dependsOn: string[], branchLabels: string[],
  docstring: string | null): RevisionSource {
  // A copy, not a slice: a V8 slice would keep the whole file text alive as long as the revision.
  const longDoc = (" " + pythonStrip(docstring ?? "")).slice(1);
  return {
    revision,
    downRevisions,
    dependsOn,
    branchLabels: branchLabels.length > 1 ? [...new Set(branchLabels)] : branchLabels,
    message: firstParagraph(longDoc),
    longDoc,
    createDate: /^Create Date:[ \t]*(.*)$/m.exec(longDoc)?.[1].trim() ?? null,
    path,
    format: "alembic",
  };
}

/** `longDoc.split("\n\n")[0]`, without splitting the rest. */
function firstParagraph(text: string): string {
  const end = text.indexOf("\n\n");
  return end < 0 ? text : text.slice(0, end);
}

// Python's str.isspace() set; it differs from JS trim() (\x1c-\x1f and \x85 yes, \ufeff no).
const PYTHON_SPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Python's str.strip(), which Alembic applies to the docstring. */
function pythonStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PYTHON_SPACE.test(text[start])) start++;
  while (end > start && PYTHON_SPACE.test(text[end - 1])) end--;
  return text.slice(start, end);
}
