import "server-only";

// JSON responses of the API routes. Errors carry a typed code, as the CLI's `--json` errors do.

export type ApiErrorCode = "unauthorized" | "forbidden" | "not-found" | "invalid-params" | "config:missing" | "config:invalid";

const STATUS: Record<ApiErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  "invalid-params": 400,
  "config:missing": 503,
  "config:invalid": 503,
};

export function jsonOk<T>(data: T): Response {
  return Response.json(data, { headers: { "cache-control": "no-store" } });
}

export function jsonError(code: ApiErrorCode, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error: { code, message, ...extra } }, { status: STATUS[code], headers: { "cache-control": "no-store" } });
}
