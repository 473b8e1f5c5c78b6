import { z } from "zod";
import { jsonError, jsonOk } from "@/lib/server/api-response";
import { requireViewer } from "@/lib/server/auth-guard";
import { NAME_PATTERN } from "@/lib/server/config-schema";
import { getProjectGraphView } from "@/lib/server/projects";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ name: z.string().regex(NAME_PATTERN, { error: "not a valid project name" }) });
export type GraphRouteParams = z.infer<typeof paramsSchema>;

export async function GET(request: Request, context: { params: Promise<GraphRouteParams> }): Promise<Response> {
  const viewer = await requireViewer({ request });
  if (!viewer.ok) return jsonError(viewer.status === 401 ? "unauthorized" : "forbidden", viewer.message);
  const params = paramsSchema.safeParse(await context.params);
  if (!params.success) return jsonError("invalid-params", params.error.issues[0]?.message ?? "invalid parameters");
  const graph = await getProjectGraphView({ project: params.data.name });
  if (!graph) return jsonError("not-found", `No project named "${params.data.name}" is configured`);
  return jsonOk(graph);
}
