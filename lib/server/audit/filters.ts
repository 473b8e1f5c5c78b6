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
  /** A preset range ending now: the last 24 hours, 7 or 30 days (computed when read, so a bookmark stays "the last 7 days"). */
  range: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["24h", "7d", "30d"]).optional()),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const RANGE_MS = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;

/** The filters' time bounds as ISO instants (from inclusive, to exclusive when `toExclusive`). */
export function timeBounds(filters: AuditFilters, now = Date.now()): { from?: string; to?: string; toExclusive: boolean } {
  const froms = [filters.from ? new Date(filters.from).toISOString() : undefined, filters.range ? new Date(now - RANGE_MS[filters.range]).toISOString() : undefined].filter((v): v is string => v !== undefined);
  const from = froms.sort().at(-1);
  if (!filters.to) return { from, toExclusive: false };
  // A bare date means the whole of that day.
  if (DATE_ONLY.test(filters.to)) return { from, to: new Date(Date.parse(filters.to) + 86_400_000).toISOString(), toExclusive: true };
  return { from, to: new Date(filters.to).toISOString(), toExclusive: false };
}

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
  const bounds = timeBounds(filters);
  if (bounds.from) add("at", ">=", bounds.from);
  if (bounds.to) add("at", bounds.toExclusive ? "<" : "<=", bounds.to);
  return { sql: conditions.join(" AND "), params };
}
