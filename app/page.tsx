import { connection } from "next/server";
import { Suspense } from "react";
import { EnvironmentGrid } from "@/components/overview/environment-grid";
import { HeadsBanners } from "@/components/overview/heads-banners";
import { ProjectList } from "@/components/overview/project-list";
import { parseStatusFilter } from "@/components/overview/status-summary";
import { PageContainer } from "@/components/shell/page-container";
import { PageHeader } from "@/components/shell/page-header";
import { SectionTitle } from "@/components/ui/card";
import { CardGridSkeleton } from "@/components/ui/skeletons";
import type { ProjectGraphView } from "@/lib/core/view/view-types";
import { cachedDriftSummaries } from "@/lib/server/drift-view";
import { getEnvironmentViews } from "@/lib/server/environments";
import { getProjectGraphView, listProjects } from "@/lib/server/projects";
import { pageGate } from "./config-error";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const status = parseStatusFilter((await searchParams).status);
  const gate = await pageGate({ path: "/" });
  if (gate) return gate;

  const graphs = getAllProjectGraphs();
  const environments = getEnvironmentViews();
  return (
    <PageContainer>
      <PageHeader
        title="Overview"
        description="Where every database stands against its migration directory, as Alembic would read it."
      />
      <Suspense fallback={null}>
        <HeadsBanners graphs={graphs} />
      </Suspense>
      <section>
        <SectionTitle>Projects</SectionTitle>
        <Suspense fallback={<CardGridSkeleton count={2} />}>
          <ProjectList graphs={graphs} />
        </Suspense>
      </section>
      <Suspense fallback={<CardGridSkeleton />}>
        <EnvironmentGrid environments={environments} graphs={graphs} status={status} drift={cachedDriftSummaries()} />
      </Suspense>
    </PageContainer>
  );
}

async function getAllProjectGraphs(): Promise<ProjectGraphView[]> {
  const projects = await listProjects();
  const views = await Promise.all(projects.map((p) => getProjectGraphView({ project: p.name })));
  return views.filter((v): v is ProjectGraphView => v !== null);
}
