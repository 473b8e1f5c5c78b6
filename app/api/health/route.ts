import { loadConfig } from "@/lib/server/config";
import { jsonOk } from "@/lib/server/api-response";

export const dynamic = "force-dynamic";

/** Liveness for load balancers and Playwright: touches no database. */
export async function GET(): Promise<Response> {
  const config = loadConfig();
  return jsonOk({ status: "ok", config: config.ok ? "ok" : config.missing ? "missing" : "invalid" });
}
