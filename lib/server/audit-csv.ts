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

export const AUDIT_CSV_COLUMNS = ["id", "at", "environment", "actor", "action", "target", "result", "rows_before", "rows_after", "steps", "duration_ms", "error"] as const;

/** "ae10 up; 3f2a up" for migration steps; empty for stamps and refused attempts. */
export function stepsSummary(steps: unknown): string {
  if (!Array.isArray(steps)) return "";
  return steps
    .map((s) => (s && typeof s === "object" ? (s as { revision?: unknown; direction?: unknown }) : {}))
    .filter((s) => typeof s.revision === "string")
    .map((s) => `${s.revision as string}${typeof s.direction === "string" ? ` ${s.direction}` : ""}`)
    .join("; ");
}

export function auditCsv(entries: readonly AuditRow[]): string {
  const lines = [AUDIT_CSV_COLUMNS.join(",")];
  for (const e of entries) {
    const cells = [e.id, e.at, e.environment, e.actor, e.action, e.target, e.result, e.rowsBefore.join(" "), e.rowsAfter.join(" "), stepsSummary(e.steps), e.durationMs, e.error];
    lines.push(cells.map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
