import "server-only";
import type { DbErrorInfo } from "./types";

// Driver errors as a person may see them. pg quotes hosts and users ("connect ECONNREFUSED
// 10.0.0.5:5432", `password authentication failed for user "app"`), mysql2 names the account
// ("Access denied for user 'app'@'10.0.0.7'"), better-sqlite3 may name the file; `secrets`
// adds what only the caller knows (the URL, its password, user, host, file path).

export function sanitizeDbError(error: unknown, secrets: readonly string[] = []): DbErrorInfo {
  const fields = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
  const rawMessage = typeof fields.message === "string" ? fields.message : String(error);
  const clean = (text: string) => redact(text, secrets);
  const info: DbErrorInfo = { code: errorCode(fields, rawMessage), message: clean(rawMessage) || "unknown error" };
  if (typeof fields.detail === "string" && fields.detail) info.detail = clean(fields.detail);
  if (typeof fields.hint === "string" && fields.hint) info.hint = clean(fields.hint);
  return info;
}

// Server error numbers mysql2 has no name for (MariaDB's own), named as MariaDB's headers do.
const MARIADB_ERRORS: Record<number, string> = { 1969: "ER_STATEMENT_TIMEOUT" };

function errorCode(fields: Record<string, unknown>, message: string): string {
  if (typeof fields.code === "string" && fields.code) return fields.code;
  if (typeof fields.errno === "number") return MARIADB_ERRORS[fields.errno] ?? `ER_${fields.errno}`;
  if (/timeout expired|timed out/i.test(message)) return "ETIMEDOUT";
  if (/connection terminated/i.test(message)) return "ECONNRESET";
  return "unknown";
}

/** The parts of a URL that must never be echoed back (for URLs parseDatabaseUrl could not read). */
export function secretsOfText(text: string | undefined): string[] {
  if (!text) return [];
  const secrets = [text];
  try {
    const url = new URL(text);
    secrets.push(decodeURIComponent(url.password), decodeURIComponent(url.username), url.hostname);
  } catch {
    // Not a URL: the generic patterns in redact() still apply.
  }
  return secrets.filter((secret) => secret.length >= 3);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret) out = out.split(secret).join("<redacted>");
  }
  return out
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, "<url>")
    .replace(/\b(password|user|host|hostaddr)\s*=\s*('[^']*'|\S+)/gi, "$1=<redacted>")
    .replace(/\b(user|role)\s+"[^"]*"/gi, '$1 "<redacted>"')
    .replace(/\bfor user '[^']*'@'[^']*'/gi, "for user '<redacted>'@'<host>'")
    .replace(/\buser '[^']*'/gi, "user '<redacted>'")
    .replace(/\b(getaddrinfo\s+[A-Z_]+)\s+\S+/g, "$1 <host>")
    .replace(/\[[0-9a-f:]+\](:\d+)?/gi, "<host>")
    .replace(/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, "<host>")
    .replace(/\b(connect\s+[A-Z]+)\s+\S+/g, "$1 <host>");
}

/** Codes of errors after which the connection cannot be trusted (the server or the socket went away). */
const CONNECTION_LOST = new Set([
  "57P01", "57P02", "57P03", "08006", "08003", "ECONNRESET", "ETIMEDOUT", "EPIPE",
  "PROTOCOL_CONNECTION_LOST", "ER_SERVER_SHUTDOWN", "ECONNREFUSED",
]);

export function isConnectionLost(code: string): boolean {
  return CONNECTION_LOST.has(code);
}

/** Codes meaning "the statement was cancelled or timed out" on some backend. */
export function isCancelled(code: string): boolean {
  return code === "57014" || code === "ER_QUERY_INTERRUPTED" || code === "ER_STATEMENT_TIMEOUT" || code === "SQLITE_INTERRUPT" || code === "cancelled";
}

/** A Retort-made error with a code, for conditions the drivers do not report themselves. */
export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "DbError";
  }
}
