import { loadConfig } from "@/lib/server/config";
import { jsonOk } from "@/lib/server/api-response";
import { warmUp } from "@/lib/server/warm-up";

export const dynamic = "force-dynamic";

/** Liveness for load balancers and Playwright: touches no database. `warm`: the start-up warm-up (projects loaded, environments read) is done. */
export async function GET(): Promise<Response> {
  const config = loadConfig();
  return jsonOk({ status: "ok", config: config.ok ? "ok" : config.missing ? "missing" : "invalid", warm: warmUp.ms !== null });
}
