import { ConfigErrors } from "@/components/config/config-errors";
import { Refused } from "@/components/shell/refused";
import { requirePageUser } from "@/lib/server/auth/page-guard";
import { loadConfig } from "@/lib/server/config";

/** The config-error page when retort.config.json cannot be used, else null. */
export function configErrorPage(): React.ReactNode {
  const result = loadConfig();
  return result.ok ? null : <ConfigErrors file={result.file} errors={result.errors} />;
}

/**
 * What a data page shows instead of itself, or null to go on: sign-in first (redirects to
 * /login), then the permission, then a usable configuration.
 */
export async function pageGate({ path }: { path: string }): Promise<React.ReactNode> {
  const auth = await requirePageUser({ path });
  if (!auth.ok) return <Refused message={auth.message} />;
  return configErrorPage();
}
