import { jsonError, jsonOk } from "@/lib/server/api-response";
import { requireApiUser } from "@/lib/server/auth/session";
import { findEnvironmentConfig } from "@/lib/server/environments";
import { cancelRun, runningActionsOf } from "@/lib/server/runs/cancel";

export const dynamic = "force-dynamic";

// The environment page polls this while actions run, and cancels through it: a route rather
// than a server action because Next.js runs a tab's server actions one at a time, so a cancel
// sent as one would wait for the very upgrade it is meant to stop.

type Context = { params: Promise<{ env: string }> };

/** GET /api/environments/:env/runs — the actions running now, and what each one waits for. */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  const auth = await requireApiUser(request, "view");
  if (!auth.ok) return auth.response;
  const { env } = await params;
  if (!findEnvironmentConfig({ env })) return jsonError("not-found", `No environment named ${env.slice(0, 64)} is configured.`);
  return jsonOk({ runs: await runningActionsOf({ env }) });
}

/** POST /api/environments/:env/runs {"runId": "…"} — cancel one. */
export async function POST(request: Request, { params }: Context): Promise<Response> {
  const auth = await requireApiUser(request, "view");
  if (!auth.ok) return auth.response;
  const { env } = await params;
  const body = await request.json().catch(() => null);
  const result = await cancelRun({ actor: { name: auth.user.name, role: auth.user.role }, input: { ...(body ?? {}), env } });
  if (result.ok) return jsonOk(result.data);
  const status = result.code.startsWith("forbidden") ? 403 : result.code === "not-found:run" ? 404 : result.code === "unauthorized" ? 401 : 400;
  return Response.json({ error: result }, { status, headers: { "cache-control": "no-store" } });
}
