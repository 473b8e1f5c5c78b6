import type { EnvironmentView, ProjectGraphView } from "@/lib/core/view-types";
import { SectionTitle } from "@/components/ui/card";
import { EnvironmentCard } from "./environment-card";
import { StatusSummary } from "./status-summary";

/** Every environment, grouped by project. Receives promises so it can stream behind Suspense. */
export async function EnvironmentGrid({
  environments,
  graphs,
}: {
  environments: Promise<EnvironmentView[]>;
  graphs: Promise<ProjectGraphView[]>;
}) {
  const [envs, views] = await Promise.all([environments, graphs]);
  if (envs.length === 0) {
    return <p className="text-sm text-zinc-500">No environments are configured.</p>;
  }
  const byProject = new Map<string, EnvironmentView[]>();
  for (const env of envs) byProject.set(env.project, [...(byProject.get(env.project) ?? []), env]);
  return (
    <div className="space-y-8" data-testid="environment-grid">
      <StatusSummary environments={envs} />
      {[...byProject].map(([project, list]) => {
        const view = views.find((v) => v.project === project);
        const heads = new Set(view?.heads ?? []);
        const effective = new Set(view?.revisions.filter((r) => r.isEffectiveHead).map((r) => r.revision) ?? []);
        return (
          <section key={project}>
            <SectionTitle aside={`${list.length} ${list.length === 1 ? "environment" : "environments"}`}>{project}</SectionTitle>
            <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
              {list.map((env) => (
                <EnvironmentCard key={env.name} env={env} heads={heads} effectiveHeads={effective} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
