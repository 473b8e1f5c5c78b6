import "server-only";
import { authorize, requireUser, resolveUser, statusOf, type AuthCode } from "./auth/session";
import { cookieFromHeader, SESSION_COOKIE } from "./auth/session-token";
import type { Role } from "./auth/roles";

// Every API route and data-loading page calls requireViewer() before reading anything; it
// delegates to the session guards in ./auth/session (which also serve actions needing more
// than "view").

export interface Viewer {
  /** The signed-in user's name. */
  id: string;
  role: Role;
}

export type ViewerResult =
  | { ok: true; viewer: Viewer }
  | { ok: false; status: 401 | 403; code: AuthCode; message: string };

/** With `request` (route handlers) the cookie and headers come from it; else from next/headers. */
export async function requireViewer(options: { request?: Request } = {}): Promise<ViewerResult> {
  const { request } = options;
  const result = request
    ? authorize(
        await resolveUser({ token: cookieFromHeader(request.headers.get("cookie"), SESSION_COOKIE), requestHeaders: request.headers }),
        "view",
      )
    : await requireUser({ action: "view" });
  if (!result.ok) return { ok: false, status: statusOf(result.code), code: result.code, message: result.message };
  return { ok: true, viewer: { id: result.user.name, role: result.user.role } };
}
