import "server-only";
import { auditFiltersSchema, type AuditFilters } from "@/lib/server/audit-query";

export type SearchParams = Record<string, string | string[] | undefined>;

export const AUDIT_FILTER_KEYS = ["environment", "actor", "action", "result", "from", "to", "range"] as const;

/** The filters in the URL (first value of each), validated; invalid ones come back as messages. */
export function auditFiltersFrom(params: SearchParams): { filters: AuditFilters; errors: string[] } {
  const raw = Object.fromEntries(AUDIT_FILTER_KEYS.map((key) => [key, first(params[key])]));
  const parsed = auditFiltersSchema.safeParse(raw);
  if (parsed.success) return { filters: parsed.data, errors: [] };
  return { filters: {}, errors: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) };
}

export function queryString(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filters[key];
    if (value) search.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
