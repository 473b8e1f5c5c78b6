import "server-only";
import { countPendingApprovals } from "@/lib/server/actions/approvals-store";
import { loadConfig } from "@/lib/server/config";

/** The nav's count of requests waiting for a decision; nothing when none wait or it cannot be read. */
export async function PendingApprovalsBadge() {
  const config = loadConfig();
  if (!config.ok) return null;
  const envs = config.config.environments.filter((e) => e.protection === "approval").map((e) => e.name);
  const pending = await countPendingApprovals(envs).catch(() => 0);
  if (pending === 0) return null;
  return (
    <span className="ml-1 inline-flex min-w-5 items-center justify-center rounded-full bg-amber-700 px-1.5 text-[11px] font-semibold leading-5 text-white" data-testid="pending-approvals" data-count={pending}>
      {pending}
      <span className="sr-only"> pending</span>
    </span>
  );
}
