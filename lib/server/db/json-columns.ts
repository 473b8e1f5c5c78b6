import "server-only";
import type { AuditSql } from "./dialect";

// SQLite and MySQL keep the audit table's lists, JSON and times as text (PostgreSQL has arrays,
// jsonb and timestamptz): the same conversions on both.

export function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

export function jsonList(value: unknown): string[] {
  const parsed = parseJson(value);
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

/** How a text-typed audit table writes and reads its list, JSON and time columns. */
export const textColumns: Pick<AuditSql, "list" | "readList" | "json" | "readJson" | "time" | "readTime"> = {
  list: (values) => JSON.stringify(values),
  readList: (value) => jsonList(value),
  json: (value) => JSON.stringify(value),
  readJson: (value) => parseJson(value),
  time: (iso) => iso,
  readTime: (value) => new Date(String(value)).toISOString(),
};
