import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { EnvironmentActions } from "@/components/actions/environment-actions";
import { DriftStatus, DriftSummaryLine } from "@/components/drift/drift-summary";
import { suggestedAction } from "@/components/environment/guidance";
import { EnvironmentHistorySection } from "@/components/environment/environment-history";
import { EnvironmentSummary } from "@/components/environment/environment-summary";
import { PendingSteps } from "@/components/environment/pending-steps";
import { StateGuidance } from "@/components/environment/state-guidance";
import { RunningActions } from "@/components/environment/running-actions";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageContainer } from "@/components/shell/page-container";
import { PageHeader } from "@/components/shell/page-header";
import { SectionTitle } from "@/components/ui/card";
import { ProtectionBadge } from "@/components/ui/protection-badge";
import { PanelSkeleton } from "@/components/ui/skeletons";
import { StatusBadge } from "@/components/ui/status-badge";
import { unknownRowOrigin } from "@/lib/server/actions/guidance";
import { getActionPanel } from "@/lib/server/actions/panel";
import { cachedDriftSummary, getDriftView } from "@/lib/server/drift-view";
import { getEnvironmentHistory } from "@/lib/server/audit/history";
import { getEnvironmentView, getPendingSteps } from "@/lib/server/environments";
import { getProjectGraphView } from "@/lib/server/projects";
import { pageGate } from "../../config-error";

type Props = { params: Promise<{ env: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).env };
}

export default async function EnvironmentPage({ params }: Props) {
  const { env: name } = await params;
  const gate = await pageGate({ path: `/environments/${encodeURIComponent(name)}` });
  if (gate) return gate;
  const env = await getEnvironmentView({ env: name });
  if (!env) notFound();
  const origin = env.status === "unknown-revision" ? unknownRowOrigin({ env: env.name, unknownRows: env.unknownRows }) : Promise.resolve(null);
  const suggestion = origin.then((o) => suggestedAction(env, o));

  return (
    <PageContainer>
      <PageHeader
        eyebrow={<Breadcrumbs items={[{ label: "Environments", href: "/" }, { label: env.name }]} />}
        title={<span data-testid={`env-${env.name}`} data-status={env.status}>{env.name}</span>}
        description={`Project ${env.project}`}
      >
        <ProtectionBadge protection={env.protection} />
        <StatusBadge status={env.status} pendingCount={env.pending.length} />
      </PageHeader>
      <Suspense fallback={null}>
        <StateGuidance env={env} origin={origin} />
      </Suspense>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,24rem)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          <RunningActions env={env.name} />
          <Suspense fallback={<PanelSkeleton />}>
            <EnvironmentSummary env={env} graph={getProjectGraphView({ project: env.project })} />
          </Suspense>
          {env.status !== "unreachable" && (
            <div className="rounded-xl border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900" data-testid="env-drift">
              {/* Drift replays migrations: the last result shows until this comparison streams in. */}
              <Suspense fallback={<DriftSummaryLine env={env.name} summary={cachedDriftSummary(env.name)} pending />}>
                <DriftStatus env={env.name} view={getDriftView({ env: env.name })} />
              </Suspense>
            </div>
          )}
          <Suspense fallback={<PanelSkeleton />}>
            <EnvironmentActions panel={getActionPanel({ env: env.name })} suggestion={suggestion} />
          </Suspense>
        </div>
        <section className="min-w-0" aria-labelledby="pending-title">
          <SectionTitle id="pending-title" aside={env.pending.length > 0 ? `${env.pending.length} to apply` : undefined}>
            Pending, in upgrade order
          </SectionTitle>
          <Suspense fallback={<PanelSkeleton lines={6} />}>
            <PendingSteps env={env} steps={getPendingSteps({ env: env.name })} />
          </Suspense>
        </section>
      </div>
      <Suspense fallback={<PanelSkeleton lines={4} />}>
        <EnvironmentHistorySection env={env.name} project={env.project} history={getEnvironmentHistory({ env: env.name })} />
      </Suspense>
    </PageContainer>
  );
}
