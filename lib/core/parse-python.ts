// Reads an Alembic revision file statically (design principle 2: never import user code).
import type { ParseResult, Problem, ProblemKind, RevisionSource } from "./types";
import { basename } from "./posix-path";
import type { PythonLiteral } from "./python-literal";
import { validateRevisionId } from "./revision-file";
import { VARIABLES, scanModule, type Assignment, type RevisionVariable } from "./scan-python-module";

const STATIC_FIX =
  "Assign it once at module level as a literal: a quoted string, a tuple or list of quoted strings, or None (as Alembic's template does).";

/**
 * Parses one revision file. `revision` is null when the graph fields cannot be trusted
 * (bad or unreadable revision / down_revision); otherwise problems are findings Alembic would
 * also trip over (e.g. a syntax error in upgrade()), reported beside a usable revision.
 */
export function parsePythonRevision(path: string, text: string): ParseResult {
  const scan = scanModule(text);
  const problems: Problem[] = [];
  const report = (kind: ProblemKind, message: string, line: number | undefined, fix: string) =>
    problems.push({ kind, message, path, line, fix });

  if (scan.syntax) {
    report("syntax", `Python cannot import this file: ${scan.syntax.message}`, scan.syntax.line,
      "Fix the syntax error; Alembic imports every revision file, so one broken file stops every command.");
  }
  for (const binding of scan.unreadable) {
    report("syntax", `\`${binding.name}\` is ${binding.how}; Retort reads revision files without running them and cannot evaluate it.`,
      binding.line, STATIC_FIX);
  }
  const values = new Map<RevisionVariable, Assignment>();
  for (const assignment of scan.assignments) {
    const earlier = values.get(assignment.name);
    if (earlier) {
      problems.push({ kind: "syntax", severity: "warning", path, line: assignment.line,
        message: `\`${assignment.name}\` is assigned on line ${earlier.line} and again on line ${assignment.line}; Python keeps the last value, so Retort does too.`,
        fix: "Delete the stale assignment so the file says one thing." });
    }
    values.set(assignment.name, assignment);
  }
  // After a syntax error the rest of the file is unseen: don't also claim variables are missing.
  const unreadable = new Set<RevisionVariable>(scan.syntax ? VARIABLES : scan.unreadable.map((binding) => binding.name));
  const revision = readRevisionId(path, values.get("revision"), unreadable.has("revision"), report);
  const down = readDownRevisions(path, values.get("down_revision"), unreadable.has("down_revision"), report);
  const labels = readNames(values.get("branch_labels"), report);
  const dependsOn = readNames(values.get("depends_on"), report);
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (revision === null || down === null || labels === null || dependsOn === null) return { revision: null, problems };

  // A copy, not a slice: a V8 slice would keep the whole file text alive as long as the revision.
  const longDoc = (" " + pythonStrip(scan.docstring ?? "")).slice(1);
  const source: RevisionSource = {
    revision,
    downRevisions: down,
    dependsOn,
    branchLabels: [...new Set(labels)],
    message: longDoc.split("\n\n")[0],
    longDoc,
    createDate: /^Create Date:[ \t]*(.*)$/m.exec(longDoc)?.[1].trim() ?? null,
    path,
    format: "alembic",
  };
  return { revision: source, problems };
}

type Report = (kind: ProblemKind, message: string, line: number | undefined, fix: string) => void;

function readRevisionId(path: string, assignment: Assignment | undefined, unreadable: boolean, report: Report): string | null {
  if (!assignment) {
    if (unreadable) return null;
    // Alembic's legacy rule (§1.3): without `revision`, the filename itself must be the hex id.
    const filename = basename(path);
    const legacy = /^([a-f0-9]+)\.py$/.exec(filename);
    if (legacy) return legacy[1];
    report("missing-revision-id",
      `Could not determine revision id from filename ${filename}. Be sure the 'revision' variable is declared inside the script (please see 'Upgrading from Alembic 0.1 to 0.2' in the documentation).`,
      1, "Add a module-level line such as revision = 'ab12cd34ef56'.");
    return null;
  }
  const { value, line } = assignment;
  if (value.type !== "str") {
    report(value.type === "expression" ? "syntax" : "bad-revision-id",
      `\`revision = ${describe(value)}\` is not a string literal${value.type === "expression" ? "; Retort cannot evaluate it without running the file" : ""}.`,
      line, "Write the id as a quoted string, e.g. revision = 'ab12cd34ef56'.");
    return null;
  }
  const invalid = validateRevisionId(value.value);
  if (invalid) {
    report("bad-revision-id", invalid, line, "Use letters, digits and underscores only (Alembic generates 12 hex digits).");
    return null;
  }
  return value.value;
}

function readDownRevisions(path: string, assignment: Assignment | undefined, unreadable: boolean, report: Report): string[] | null {
  if (!assignment) {
    if (unreadable) return null;
    const moduleName = basename(path).replace(/[^\p{L}\p{N}_]/gu, "_");
    report("missing-down-revision",
      `module '${moduleName}' has no attribute 'down_revision' (Alembic fails with AttributeError while loading).`,
      1, "Add down_revision = None for a base revision, or the parent's id, e.g. down_revision = 'ab12cd34ef56'.");
    return null;
  }
  const ids = readNames(assignment, report);
  if (ids === null) return null;
  if (ids.includes("")) {
    report("empty-down-revision",
      "down_revision contains an empty string '', which is not None: Alembic 1.8 quietly treats it as a base, newer Alembic fails with KeyError: ''.",
      assignment.line, "Write down_revision = None for a base revision, or the parent's full id.");
    return null;
  }
  return ids;
}

/** §1.3 normalisation: None, (), [] → none; a single string is one entry; sequences keep order. */
function readNames(assignment: Assignment | undefined, report: Report): string[] | null {
  if (!assignment) return [];
  const { name, value, line } = assignment;
  if (value.type === "none") return [];
  if (value.type === "str") return [value.value];
  if (value.type === "sequence" && (value.bracket !== "{" || name === "branch_labels")) {
    const names: string[] = [];
    for (const item of value.items) {
      if (item.type !== "str") {
        report("syntax", `\`${name}\` contains ${describe(item)}, which is not a string literal.`, line, STATIC_FIX);
        return null;
      }
      names.push(item.value);
    }
    return names;
  }
  report("syntax", `\`${name} = ${describe(value)}\` is not a literal Retort can read without running the file.`, line, STATIC_FIX);
  return null;
}

function describe(value: PythonLiteral): string {
  if (value.type === "expression") return value.source.length > 60 ? value.source.slice(0, 57) + "..." : value.source;
  if (value.type === "none") return "None";
  if (value.type === "str") return JSON.stringify(value.value);
  return value.bracket === "(" ? "a tuple" : value.bracket === "[" ? "a list" : "a set";
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
