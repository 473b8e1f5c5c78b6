import Link from "next/link";
import type { DriftSummary } from "@/lib/core/view/drift-view-types";
import type { EnvironmentStatusKind, EnvironmentView, ProjectGraphView } from "@/lib/core/view/view-types";
import { statusStyle } from "@/components/ui/status";
import { SectionTitle } from "@/components/ui/card";
import { EnvironmentCard } from "./environment-card";
import { StatusSummary } from "./status-summary";

/** Every environment (or those of one status), grouped by project. Streams behind Suspense. */
export async function EnvironmentGrid({
  environments,
  graphs,
  status = null,
  drift = {},
}: {
  environments: Promise<EnvironmentView[]>;
  graphs: Promise<ProjectGraphView[]>;
  status?: EnvironmentStatusKind | null;
  /** The last drift result per environment, when this server has one. */
  drift?: Record<string, DriftSummary>;
}) {
  const [envs, views] = await Promise.all([environments, graphs]);
  if (envs.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">No environments are configured.</p>;
  }
  const shown = status ? envs.filter((env) => env.status === status) : envs;
  const byProject = new Map<string, EnvironmentView[]>();
  for (const env of shown) byProject.set(env.project, [...(byProject.get(env.project) ?? []), env]);
  return (
    <div className="space-y-8" data-testid="environment-grid" data-filter={status ?? "all"}>
      <div className="space-y-2">
        <StatusSummary environments={envs} active={status} />
        {status && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="filter-note">
            Showing {shown.length} of {envs.length} environments: {statusStyle[status].label.toLowerCase()}.{" "}
            <Link href="/" scroll={false} className="font-medium text-zinc-900 underline underline-offset-2 dark:text-zinc-100">Show all</Link>
          </p>
        )}
      </div>
      {[...byProject].map(([project, list]) => {
        const view = views.find((v) => v.project === project);
        const heads = new Set(view?.heads ?? []);
        const effective = new Set(view?.revisions.filter((r) => r.isEffectiveHead).map((r) => r.revision) ?? []);
        return (
          <section key={project}>
            <SectionTitle aside={`${list.length} ${list.length === 1 ? "environment" : "environments"}`}>{project}</SectionTitle>
            <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
              {list.map((env) => (
                <EnvironmentCard key={env.name} env={env} heads={heads} effectiveHeads={effective} drift={drift[env.name] ?? null} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
