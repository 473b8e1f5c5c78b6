import { z } from "zod";
import { jsonError } from "@/lib/server/api-response";
import { auditCsv } from "@/lib/server/audit-csv";
import { auditFiltersSchema, listAuditEntries, MAX_AUDIT_LIMIT } from "@/lib/server/audit-query";
import { requireApiUser } from "@/lib/server/auth/session";
import { loadConfig } from "@/lib/server/config";

export const dynamic = "force-dynamic";

const querySchema = auditFiltersSchema.extend({
  format: z.enum(["json", "csv"]).default("json"),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_LIMIT).default(1000),
});

/** GET /api/audit?format=csv|json&environment=&actor=&action=&result=&from=&to=&limit= */
export async function GET(request: Request): Promise<Response> {
  const auth = await requireApiUser(request, "audit");
  if (!auth.ok) return auth.response;
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return jsonError("invalid-params", "Invalid audit query", { fieldErrors: z.flattenError(parsed.error).fieldErrors });
  }
  const config = loadConfig();
  if (!config.ok) {
    return jsonError(config.missing ? "config:missing" : "config:invalid", "retort.config.json cannot be used", { errors: config.errors });
  }
  const { format, limit, ...filters } = parsed.data;
  const { entries, notes } = await listAuditEntries({ environments: config.config.environments, filters, limit });
  if (format === "json") return Response.json({ entries, notes }, { headers: { "cache-control": "no-store" } });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(auditCsv(entries), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="retort-audit-${stamp}.csv"`,
      "cache-control": "no-store",
      // Environments that could not be read are not in the file; say so without breaking the CSV.
      ...(notes.length > 0 ? { "x-retort-audit-skipped": notes.map((n) => n.environment).join(",") } : {}),
    },
  });
}
