// Reads an Alembic revision file statically (design principle 2: never import user code): the
// module-level values Alembic reads are evaluated as Python would evaluate them at import time,
// as far as that is possible without running anything (python-namespace.ts).
import type { ParseResult, Problem, ProblemKind, RevisionSource } from "../types";
import { basename } from "../files/posix-path";
import { Evaluation, ModuleResolver, type ModuleLoader } from "../python/namespace";
import { firstUnknown, reprOf, type PyValue } from "../python/value";
import { validateRevisionId } from "../files/revision-file";
import { scanModule, type ModuleScan } from "./scan-python-module";
import { alembicSource, legacyRevisionId, type RevisionVariable, VARIABLES } from "./alembic-source";
import { readTemplateRevision } from "./template-revision";

export interface ParsePythonOptions {
  /** Imported modules, shared by every file of one load so each module is read once. */
  modules?: ModuleResolver;
}

/** A resolver over `loader` (null: imports are never followed). */
export function createModuleResolver(loader: ModuleLoader | null): ModuleResolver {
  return new ModuleResolver(loader, (text, name, isPackage) => scanModule(text, name, isPackage).namespace);
}

const NO_IMPORTS = createModuleResolver(null);

type Report = (kind: ProblemKind, message: string, line: number | undefined, fix: string, severity?: "warning") => void;

interface Read {
  value: PyValue | null;
  line: number | undefined;
}

/**
 * Parses one revision file. `revision` is null only when the id itself cannot be known; a value
 * that cannot be read statically leaves the revision in the graph with what could be read.
 */
export function parsePythonRevision(path: string, text: string, options: ParsePythonOptions = {}): ParseResult {
  return readTemplateRevision(path, text) ?? parseInFull(path, text, options);
}

/** The full static reading of a revision file (what readTemplateRevision, when it answers, agrees with). */
export function parseInFull(path: string, text: string, options: ParsePythonOptions = {}): ParseResult {
  const scan = scanModule(text);
  const problems: Problem[] = [];
  const report: Report = (kind, message, line, fix, severity) => problems.push({ kind, message, path, line, fix, ...(severity ? { severity } : {}) });
  if (scan.syntax) {
    report("syntax", `Python cannot import this file: ${scan.syntax.message}`, scan.syntax.line,
      "Fix the syntax error; Alembic imports every revision file, so one broken file stops every command.");
  }
  const ev = new Evaluation(options.modules ?? NO_IMPORTS);
  const reads = new Map<RevisionVariable, Read>(VARIABLES.map((name) => [name, readVariable(scan, name, ev, report)]));
  const revision = readRevisionId(path, reads.get("revision")!, scan, report);
  const result = (source: RevisionSource | null): ParseResult => {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return ev.reads.size > 0 ? { revision: source, problems, reads: [...ev.reads] } : { revision: source, problems };
  };
  if (revision === null) return result(null);
  const unreadable: RevisionVariable[] = [];
  const names = (name: RevisionVariable, severity: "error" | "warning"): string[] | null => {
    const values = readNames(reads.get(name)!, name, revision, path, report, severity);
    if (values === undefined) unreadable.push(name);
    return values ?? [];
  };
  const down = readDownRevisions(reads.get("down_revision")!, path, scan, report, names);
  const labels = names("branch_labels", "warning");
  const dependsOn = names("depends_on", "error");
  if (down === null || labels === null || dependsOn === null) return result(null);

  const source = alembicSource(path, revision, down, dependsOn, labels, scan.docstring);
  if (unreadable.length > 0) source.unreadable = unreadable;
  return result(source);
}


/** The variable's value after the whole module ran; null value when the module never binds it. */
function readVariable(scan: ModuleScan, name: RevisionVariable, ev: Evaluation, report: Report): Read {
  const bindings = scan.namespace.all(name).filter((binding) => binding.kind === "expr" && !binding.augment);
  if (bindings.length > 1) {
    const [earlier, later] = bindings.slice(-2);
    report("syntax", `\`${name}\` is assigned on line ${earlier.line} and again on line ${later.line}; Python keeps the last value, so Retort does too.`,
      later.line, "Delete the stale assignment so the file says one thing.", "warning");
  }
  const binding = scan.namespace.bindingAt(name, Infinity);
  if (!binding || binding.kind === "deleted") {
    if (scan.syntax) return { value: { k: "unknown", reason: "the file has a syntax error before it" }, line: scan.syntax.line };
    if (scan.namespace.hasStarImports()) return { value: { k: "unknown", reason: "it may come from a `from … import *`" }, line: undefined };
    return { value: null, line: undefined };
  }
  return { value: scan.namespace.evaluateBinding(name, binding, ev), line: binding.line };
}

function cannotRead(name: RevisionVariable, owner: string, path: string, read: Read, reason: string): string {
  return `${name} of ${owner} could not be read statically (${path}${read.line ? `:${read.line}` : ""}): ${reason}`;
}

const STATIC_FIX =
  "Write the value so it can be read without running the file: a string, a tuple of strings or None, optionally built from constants of this file or of the project's own modules.";

function readRevisionId(path: string, read: Read, scan: ModuleScan, report: Report): string | null {
  const filename = basename(path);
  if (read.value === null) {
    const legacy = legacyRevisionId(filename);
    if (legacy !== null) return legacy;
    report("missing-revision-id",
      `Could not determine revision id from filename ${filename}. Be sure the 'revision' variable is declared inside the script (please see 'Upgrading from Alembic 0.1 to 0.2' in the documentation).`,
      1, "Add a module-level line such as revision = 'ab12cd34ef56'.");
    return null;
  }
  const value = read.value;
  if (value.k === "unknown") {
    if (!scan.syntax) {
      const documented = /^Revision ID:[ \t]*(\S+)/m.exec(scan.docstring ?? "")?.[1];
      report("unreadable-value", cannotRead("revision", filename, path, read, value.reason) +
        (documented ? `; its docstring says Revision ID: ${documented}, so children of ${documented} cannot be linked` : ""),
        read.line, STATIC_FIX);
    }
    return null;
  }
  if (value.k !== "str") {
    report("bad-revision-id", `\`revision = ${reprOf(value)}\` is not a string.`, read.line, "Write the id as a quoted string, e.g. revision = 'ab12cd34ef56'.");
    return null;
  }
  const invalid = validateRevisionId(value.v);
  if (invalid) {
    report("bad-revision-id", invalid, read.line, "Use letters, digits and underscores only (Alembic generates 12 hex digits).");
    return null;
  }
  return value.v;
}

function readDownRevisions(read: Read, path: string, scan: ModuleScan, report: Report,
  names: (name: RevisionVariable, severity: "error" | "warning") => string[] | null): string[] | null {
  if (read.value === null) {
    const moduleName = basename(path).replace(/[^\p{L}\p{N}_]/gu, "_");
    report("missing-down-revision",
      `module '${moduleName}' has no attribute 'down_revision' (Alembic fails with AttributeError while loading).`,
      1, "Add down_revision = None for a base revision, or the parent's id, e.g. down_revision = 'ab12cd34ef56'.");
    return null;
  }
  if (scan.syntax && read.value.k === "unknown") return null;
  const ids = names("down_revision", "error");
  if (ids === null) return null;
  if (ids.includes("")) {
    report("empty-down-revision",
      "down_revision contains an empty string '', which is not None: Alembic 1.8 quietly treats it as a base, newer Alembic fails with KeyError: ''.",
      read.line, "Write down_revision = None for a base revision, or the parent's full id.");
    return null;
  }
  return ids;
}

/**
 * §1.3 normalisation: None, (), [] → none; a single string is one entry; sequences keep order.
 * Undefined when the value cannot be read statically (reported with `severity`); null when it
 * is read but is not what Alembic accepts.
 */
function readNames(read: Read, name: RevisionVariable, owner: string, path: string, report: Report, severity: "error" | "warning"): string[] | null | undefined {
  const value = read.value;
  if (value === null || value.k === "none") return [];
  const bad = firstUnknown(value);
  if (bad) {
    const consequence = severity === "warning"
      ? `; Retort keeps ${owner} without branch labels, so heads and plans are unchanged, but '${name}'-based targets cannot be resolved`
      : `; Retort keeps ${owner} in the graph without it and will not plan an upgrade or downgrade until it can be read`;
    report("unreadable-value", cannotRead(name, owner, path, read, bad.reason) + consequence, read.line, STATIC_FIX, severity === "warning" ? "warning" : undefined);
    return undefined;
  }
  if (value.k === "str") return [value.v];
  if (value.k === "seq" && (value.kind !== "set" || name === "branch_labels")) {
    const names: string[] = [];
    for (const item of value.items) {
      if (item.k !== "str") {
        report("syntax", `\`${name}\` contains ${reprOf(item)}, which is not a string.`, read.line, STATIC_FIX);
        return null;
      }
      names.push(item.v);
    }
    return names;
  }
  report("syntax", `\`${name} = ${reprOf(value)}\` is not a string, a tuple or list of strings, or None.`, read.line, STATIC_FIX);
  return null;
}
