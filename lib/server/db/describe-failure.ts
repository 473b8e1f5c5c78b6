import "server-only";
import { sanitizeDbError } from "./errors";
import type { DatabaseUrl } from "./url";

// Why an environment could not be read, in words a person can act on; never the URL, host,
// user or password. Codes from every backend: SQLSTATEs (PostgreSQL), ER_* (MySQL), SQLITE_*.

const REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host not found",
  ECONNRESET: "connection closed by the server",
  EPIPE: "connection closed by the server",
  PROTOCOL_CONNECTION_LOST: "connection closed by the server",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "host unreachable",
  "28P01": "password authentication failed",
  ER_ACCESS_DENIED_ERROR: "password authentication failed (access denied)",
  ER_DBACCESS_DENIED_ERROR: "access to the database denied for this user",
  "28000": "authentication rejected by the server (pg_hba.conf or role)",
  "42501": "permission denied reading the version table",
  ER_TABLEACCESS_DENIED_ERROR: "permission denied reading the version table",
  "53300": "too many connections",
  ER_CON_COUNT_ERROR: "too many connections",
  "57P03": "the database is starting up or shutting down",
  "invalid-identifier": "the version table or schema name is invalid",
  SQLITE_BUSY: "the SQLite database is locked by another connection",
  SQLITE_LOCKED: "the SQLite database is locked by another connection",
  SQLITE_NOTADB: "the file is not a SQLite database",
  SQLITE_CORRUPT: "the SQLite database file is damaged",
};

// Messages Retort wrote itself (file checks, bad targets) are already safe and specific.
const OWN_MESSAGES = new Set(["SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_NOTFOUND", "invalid-target", "no-database", "invalid-url"]);

export function describeFailure(error: unknown, url: DatabaseUrl, timeoutMs: number): string {
  const info = sanitizeDbError(error, url.secrets);
  if (OWN_MESSAGES.has(info.code)) return info.message;
  // pg reports its own connect timeout as "Connection terminated due to connection timeout".
  if (/timeout|timed out/i.test(info.message) && !/^[0-9A-Z]{5}$/.test(info.code)) return timeoutReason(timeoutMs);
  if (["ETIMEDOUT", "57014", "ER_STATEMENT_TIMEOUT", "ER_QUERY_TIMEOUT"].includes(info.code)) return timeoutReason(timeoutMs);
  if (info.code === "3D000" || info.code === "ER_BAD_DB_ERROR") return `database "${databaseName(url)}" does not exist`;
  const known = REASONS[info.code];
  if (known) return known;
  if (/SSL/i.test(info.message)) return "SSL negotiation failed";
  return `could not read the version table (${info.code === "unknown" ? "unexpected error" : `error ${info.code}`})`;
}

function timeoutReason(timeoutMs: number): string {
  return `timed out after ${Math.round(timeoutMs / 100) / 10} s`;
}

function databaseName(url: DatabaseUrl): string {
  const name = "database" in url ? url.database : null;
  return name && !/[@:/]/.test(name) && !url.secrets.includes(name) ? name : "(configured)";
}
