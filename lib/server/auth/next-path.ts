import "server-only";

/**
 * Where to go after signing in: only a path on this site. "//evil.example", "/\evil.example"
 * and absolute URLs would turn the login page into an open redirect.
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2048) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\\]/.test(value)) return "/";
  if (value === "/login" || value.startsWith("/login?") || value.startsWith("/login/") || value.startsWith("/logout")) return "/";
  return value;
}
