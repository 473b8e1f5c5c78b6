import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ProjectMerge } from "@/components/actions/project-merge";
import { ProjectGraph } from "@/components/graph/project-graph";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageContainer } from "@/components/shell/page-container";
import { PageHeader } from "@/components/shell/page-header";
import { Chip } from "@/components/ui/chip";
import { GraphSkeleton } from "@/components/ui/skeletons";
import { getEnvironmentViews } from "@/lib/server/environments";
import { getMergePanel } from "@/lib/server/actions/panel";
import { getProjectGraphView } from "@/lib/server/projects";
import { pageGate } from "../../config-error";

type Props = { params: Promise<{ project: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).project };
}

export default async function ProjectPage({ params }: Props) {
  const { project } = await params;
  const gate = await pageGate({ path: `/projects/${encodeURIComponent(project)}` });
  if (gate) return gate;
  // The merge control is worked out with the view (the same project load), not streamed in its own
  // Suspense boundary: React reveals streamed boundaries at most every 300 ms, and the one that came
  // first (this small button) would hold the graph back by that much.
  const [view, mergePanel] = await Promise.all([getProjectGraphView({ project }), getMergePanel({ project })]);
  if (!view) notFound();

  const environments = getEnvironmentViews();
  return (
    <PageContainer wide>
      <PageHeader
        eyebrow={<Breadcrumbs items={[{ label: "Projects", href: "/" }, { label: view.project }]} />}
        title={view.project}
        description={`${view.revisions.length} revisions · ${view.heads.length} ${view.heads.length === 1 ? "head" : "heads"} · ${view.bases.length} ${view.bases.length === 1 ? "base" : "bases"}`}
      >
        <Chip>{view.format === "alembic" ? "Alembic" : view.format === "sql" ? "Native SQL" : "empty"}</Chip>
        <ProjectMerge view={mergePanel} />
      </PageHeader>
      <Suspense fallback={<GraphSkeleton />}>
        <ProjectGraph view={view} environments={environments} />
      </Suspense>
    </PageContainer>
  );
}
