import { jsonError, jsonOk } from "@/lib/server/api-response";
import { requireViewer } from "@/lib/server/auth-guard";
import { loadConfig } from "@/lib/server/config";
import { getEnvironmentViews } from "@/lib/server/environments";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const viewer = await requireViewer({ request });
  if (!viewer.ok) return jsonError(viewer.status === 401 ? "unauthorized" : "forbidden", viewer.message);
  const config = loadConfig();
  if (!config.ok) {
    return jsonError(config.missing ? "config:missing" : "config:invalid", "retort.config.json cannot be used", {
      errors: config.errors,
    });
  }
  return jsonOk({ environments: await getEnvironmentViews() });
}
