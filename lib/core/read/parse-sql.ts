// Retort's native SQL revision format (design.md, "Two migration formats"):
// `-- key: value` header lines, then dbmate-style `-- migrate:up` / `-- migrate:down` sections.
import type { ParseResult, Problem, ProblemKind, RevisionSource } from "../types";
import { validateRevisionId } from "../files/revision-file";

const HEADER_KEYS = new Set(["revision", "down_revision", "branch_labels", "depends_on", "message", "create_date", "transactional"]);
const HEADER_LINE = /^--\s*([A-Za-z_][\w-]*)\s*:(.*)$/;
// dbmate's markers; dbmate also accepts options after them, which Retort replaces with headers.
const MARKER_LINE = /^--\s*migrate:(up|down)\b(.*)$/;

interface Header {
  value: string;
  line: number;
}

type Report = (kind: ProblemKind, message: string, line: number, fix: string) => void;

export function parseSqlRevision(path: string, text: string): ParseResult {
  const problems: Problem[] = [];
  const report: Report = (kind, message, line, fix) => problems.push({ kind, message, path, line, fix });
  const { headers, up, down, upLine, downLine, sawUp } = readSections(text.replace(/^\ufeff/, ""), report);
  if (!sawUp) {
    report("syntax", "The file has no `-- migrate:up` line, so Retort cannot tell where the upgrade SQL starts.", 1,
      "Add a line `-- migrate:up` after the header, followed by the upgrade SQL (and `-- migrate:down` before the downgrade SQL).");
  }
  const revision = readRevision(headers.get("revision"), report);
  const downRevisions = readList(headers.get("down_revision"), "down_revision", report);
  const branchLabels = readList(headers.get("branch_labels"), "branch_labels", report);
  const dependsOn = readList(headers.get("depends_on"), "depends_on", report);
  const transactional = readTransactional(headers.get("transactional"), report);
  if (revision === null || downRevisions === null || branchLabels === null || dependsOn === null) {
    return { revision: null, problems };
  }
  const message = headers.get("message")?.value ?? "";
  const source: RevisionSource = {
    revision,
    downRevisions,
    dependsOn,
    branchLabels: [...new Set(branchLabels)],
    message,
    longDoc: message,
    createDate: headers.get("create_date")?.value || null,
    path,
    format: "sql",
    sql: { up: up.trim(), down: down.trim(), transactional, upLine: firstLine(up, upLine), downLine: firstLine(down, downLine) },
  };
  return { revision: source, problems };
}

function readSections(text: string, report: Report) {
  const headers = new Map<string, Header>();
  const body = { up: [] as string[], down: [] as string[] };
  const startLine = { up: 0, down: 0 };
  let section: "header" | "up" | "down" = "header";
  let sawUp = false;
  let sawDown = false;
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const trimmed = lines[index].trim();
    const marker = MARKER_LINE.exec(trimmed);
    if (marker) {
      const which = marker[1] as "up" | "down";
      if (which === "up" ? sawUp : sawDown) {
        report("syntax", `\`-- migrate:${which}\` appears more than once (again on line ${line}).`, line, "Keep one `-- migrate:up` and at most one `-- migrate:down` marker.");
      } else if (which === "down" && !sawUp) {
        report("syntax", "`-- migrate:down` comes before `-- migrate:up`.", line, "Put the upgrade section first, then the downgrade section.");
      }
      if (marker[2].trim() !== "") {
        report("syntax", `Retort does not understand \`${marker[2].trim()}\` after \`-- migrate:${which}\`.`, line,
          "Remove it; to run outside a transaction, put `-- transactional: false` in the header instead.");
      }
      if (which === "up") sawUp = true;
      else sawDown = true;
      section = which;
      startLine[which] = line + 1;
      continue;
    }
    if (section !== "header") body[section].push(lines[index]);
    else readHeaderLine(trimmed, line, headers, report);
  }
  return { headers, up: body.up.join("\n"), down: body.down.join("\n"), upLine: startLine.up, downLine: startLine.down, sawUp };
}

/** The file line where a section's trimmed text begins (its body starts on `start`). */
function firstLine(body: string, start: number): number {
  const leading = body.slice(0, body.length - body.trimStart().length);
  return start + (leading.match(/\n/g)?.length ?? 0);
}

function readHeaderLine(trimmed: string, line: number, headers: Map<string, Header>, report: Report): void {
  if (trimmed === "") return;
  const header = HEADER_LINE.exec(trimmed);
  if (!header) {
    if (!trimmed.startsWith("--")) {
      report("syntax", "SQL appears before the `-- migrate:up` marker; it would never run.", line,
        "Move the statement below `-- migrate:up` (or `-- migrate:down`).");
    }
    return;
  }
  const key = header[1].toLowerCase();
  if (!HEADER_KEYS.has(key)) {
    report("syntax", `Unknown header \`${header[1]}\`.`, line,
      `Use only ${[...HEADER_KEYS].join(", ")}; write other notes as comments without a colon, or below \`-- migrate:up\`.`);
    return;
  }
  const earlier = headers.get(key);
  if (earlier) {
    report("syntax", `Header \`${key}\` is given twice (lines ${earlier.line} and ${line}); the last one is used.`, line, "Delete one of them.");
  }
  headers.set(key, { value: header[2].trim(), line });
}

function readRevision(header: Header | undefined, report: Report): string | null {
  if (!header || header.value === "") {
    report("missing-revision-id", "The file has no `-- revision:` header.", header?.line ?? 1,
      "Add a first line such as `-- revision: 3f2a1b9c0d4e` (12 hex digits, as Alembic generates).");
    return null;
  }
  const invalid = validateRevisionId(header.value);
  if (invalid) {
    report("bad-revision-id", invalid, header.line, "Use letters, digits and underscores only (Alembic generates 12 hex digits).");
    return null;
  }
  return header.value;
}

/** Comma-separated list; an absent or empty header is an empty list (for down_revision: a base). */
function readList(header: Header | undefined, key: string, report: Report): string[] | null {
  if (!header || header.value === "") return [];
  const entries = header.value.split(",").map((entry) => entry.trim());
  if (entries.includes("")) {
    report(key === "down_revision" ? "empty-down-revision" : "syntax", `\`${key}\` has an empty entry: "${header.value}".`, header.line,
      "Separate entries with single commas and no trailing comma.");
    return null;
  }
  for (const entry of entries) {
    // Parents must be revision ids; labels and depends_on entries still cannot hold spaces.
    const invalid = key === "down_revision" ? validateRevisionId(entry) : /\s/.test(entry) ? `'${entry}' contains whitespace` : null;
    if (invalid) {
      report(key === "down_revision" ? "bad-revision-id" : "syntax", `In \`${key}\`: ${invalid}`, header.line,
        "Write full revision ids (or, for depends_on and branch_labels, labels) separated by commas.");
      return null;
    }
  }
  return entries;
}

function readTransactional(header: Header | undefined, report: Report): boolean {
  const value = header?.value.toLowerCase() ?? "true";
  if (value === "true" || value === "false") return value === "true";
  report("syntax", `\`transactional\` must be true or false, not "${header?.value}".`, header?.line ?? 1,
    "Write `-- transactional: false` to run the step outside a transaction (e.g. CREATE INDEX CONCURRENTLY), or remove the line.");
  return true;
}

export { splitSqlStatements } from "./sql-statements";
