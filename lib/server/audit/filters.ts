import "server-only";
import { z } from "zod";

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), z.string().max(max).optional());
const optionalDate = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().max(40).refine((v) => !Number.isNaN(Date.parse(v)), "Use a date like 2026-01-31").optional(),
);

/** The audit log's filters, as the page's search params and the export route take them. `result` is the run status. */
export const auditFiltersSchema = z.object({
  environment: optionalText(64),
  actor: optionalText(128),
  action: optionalText(32),
  result: optionalText(32),
  from: optionalDate,
  to: optionalDate,
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters as a WHERE clause in the backend's placeholders; times compare as ISO-8601 text or timestamps alike. */
export function whereClause(environment: string, filters: AuditFilters, param: (n: number) => string): { sql: string; params: unknown[] } {
  const params: unknown[] = [environment];
  const conditions = [`environment = ${param(1)}`];
  const add = (column: string, operator: string, value: unknown) => {
    params.push(value);
    conditions.push(`${column} ${operator} ${param(params.length)}`);
  };
  if (filters.actor) add("actor", "=", filters.actor);
  if (filters.action) add("action", "=", filters.action);
  if (filters.result) add("result", "=", filters.result);
  if (filters.from) add("at", ">=", new Date(filters.from).toISOString());
  if (filters.to) {
    // A bare date means the whole of that day.
    if (DATE_ONLY.test(filters.to)) add("at", "<", new Date(Date.parse(filters.to) + 86_400_000).toISOString());
    else add("at", "<=", new Date(filters.to).toISOString());
  }
  return { sql: conditions.join(" AND "), params };
}
