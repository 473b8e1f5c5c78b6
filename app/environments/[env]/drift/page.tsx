import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DriftDetails } from "@/components/drift/drift-details";
import { StampDialogHost } from "@/components/drift/stamp-at";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageContainer } from "@/components/shell/page-container";
import { PageHeader } from "@/components/shell/page-header";
import { PanelSkeleton } from "@/components/ui/skeletons";
import { getActionPanel } from "@/lib/server/actions/panel";
import { getDriftView } from "@/lib/server/drift-view";
import { findEnvironmentConfig } from "@/lib/server/environments";
import { pageGate } from "../../../config-error";

type Props = { params: Promise<{ env: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).env} · schema drift` };
}

/** An environment's live schema against the schema its version rows say it should have. */
export default async function DriftPage({ params }: Props) {
  const { env: name } = await params;
  const gate = await pageGate({ path: `/environments/${encodeURIComponent(name)}/drift` });
  if (gate) return gate;
  const env = findEnvironmentConfig({ env: name });
  if (!env) notFound();
  return (
    <PageContainer>
      <PageHeader
        eyebrow={<Breadcrumbs items={[{ label: "Environments", href: "/" }, { label: env.name, href: `/environments/${encodeURIComponent(env.name)}` }, { label: "Schema drift" }]} />}
        title="Schema drift"
        description={`${env.name}'s schema against what its migrations produce (project ${env.project})`}
      />
      <StampDialogHost>
        <Suspense fallback={<Comparing />}>
          <DriftDetails view={getDriftView({ env: env.name })} panel={getActionPanel({ env: env.name })} />
        </Suspense>
      </StampDialogHost>
    </PageContainer>
  );
}

function Comparing() {
  return (
    <div className="space-y-3" data-testid="drift-loading">
      <p className="text-sm text-zinc-600 dark:text-zinc-400" role="status">Replaying the migrations in a scratch database and comparing…</p>
      <PanelSkeleton lines={6} />
    </div>
  );
}
