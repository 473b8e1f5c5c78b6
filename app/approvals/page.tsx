import type { Metadata } from "next";
import { ApprovalList } from "@/components/actions/approval-list";
import { PageContainer } from "@/components/shell/page-container";
import { PageHeader } from "@/components/shell/page-header";
import { listApprovalRequests } from "@/lib/server/actions/approvals";
import { requirePageUser } from "@/lib/server/auth/page-guard";
import { can } from "@/lib/server/auth/roles";
import { pageGate } from "../config-error";

export const metadata: Metadata = { title: "Approvals" };

/** Requests waiting in environments guarded by `approval`, and what became of earlier ones. */
export default async function ApprovalsPage() {
  const gate = await pageGate({ path: "/approvals" });
  if (gate) return gate;
  const auth = await requirePageUser({ path: "/approvals" });
  if (!auth.ok) return null;
  const listing = await listApprovalRequests({ actor: { name: auth.user.name, role: auth.user.role } });
  const data = listing.ok ? listing.data : { approvals: [], unreadable: [] };
  return (
    <PageContainer>
      <PageHeader title="Approvals" description="Actions on environments that need a second admin. Approving (the environment's name typed) runs the action, checked against the rows the requester saw. Times are UTC." />
      {data.unreadable.length > 0 && (
        <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200">
          Could not read the requests of {data.unreadable.join(", ")}.
        </p>
      )}
      <ApprovalList approvals={data.approvals} user={{ name: auth.user.name, canApprove: can(auth.user.role, "approve") }} />
    </PageContainer>
  );
}
