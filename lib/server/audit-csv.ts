import "server-only";
import type { AuditRow } from "./audit-query";

// CSV as RFC 4180 (CRLF, quotes doubled), with the OWASP guard against formula injection: a
// cell a spreadsheet would evaluate (= + - @, tab, CR) is prefixed with a single quote.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export const AUDIT_CSV_COLUMNS = ["global_id", "id", "at", "environment", "project", "actor", "action", "target", "result", "rows_before", "rows_after", "steps", "duration_ms", "error"] as const;

/** "ae10 up; 3f2a up" for migration steps; empty for stamps and refused attempts. */
export function stepsSummary(steps: unknown): string {
  if (!Array.isArray(steps)) return "";
  return steps
    .map((s) => (s && typeof s === "object" ? (s as { revision?: unknown; direction?: unknown; status?: unknown; message?: unknown }) : {}))
    .filter((s) => typeof s.revision === "string")
    .map((s) => {
      const direction = typeof s.direction === "string" ? ` ${s.direction}` : "";
      const status = typeof s.status === "string" ? ` ${s.status}` : "";
      const message = typeof s.message === "string" && s.message ? ` (${s.message})` : "";
      return `${s.revision as string}${direction}${status}${message}`;
    })
    .join("; ");
}

export function auditCsv(entries: readonly AuditRow[]): string {
  const lines = [AUDIT_CSV_COLUMNS.join(",")];
  for (const e of entries) {
    const steps = e.merge ? `merge ${e.target} of ${e.merge.parents.join(" + ")} (${e.merge.path})` : stepsSummary(e.steps);
    const cells = [e.globalId, e.id, e.at, e.environment, e.project, e.actor, e.action, e.target, e.result, e.rowsBefore.join(" "), e.rowsAfter.join(" "), steps, e.durationMs, e.error];
    lines.push(cells.map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
