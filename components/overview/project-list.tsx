import Link from "next/link";
import type { ProjectGraphView } from "@/lib/core/view/view-types";
import { Card } from "@/components/ui/card";
import { Chip } from "@/components/ui/chip";

export async function ProjectList({ graphs }: { graphs: Promise<ProjectGraphView[]> }) {
  const views = await graphs;
  if (views.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No projects are configured.</p>;
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="project-list">
      {views.map((view) => (
        <Link
          key={view.project}
          href={`/projects/${encodeURIComponent(view.project)}`}
          data-testid={`project-${view.project}`}
          className="group"
        >
          <Card className="h-full px-4 py-3 transition group-hover:border-zinc-300 group-hover:shadow-md dark:group-hover:border-zinc-700">
            <div className="flex items-center justify-between gap-2">
              <span className="font-medium">{view.project}</span>
              <Chip>{view.format === "alembic" ? "Alembic" : view.format === "sql" ? "Native SQL" : "empty"}</Chip>
            </div>
            <dl className="mt-3 grid grid-cols-3 gap-2 text-xs text-zinc-600 dark:text-zinc-400">
              <Stat label="revisions" value={view.revisions.length} />
              <Stat label={view.heads.length === 1 ? "head" : "heads"} value={view.heads.length} warn={view.heads.length > 1} />
              <Stat label={view.problems.length === 1 ? "problem" : "problems"} value={view.problems.length} warn={view.problems.length > 0} />
            </dl>
            <div className="mt-3 text-xs font-medium text-zinc-600 group-hover:text-zinc-900 dark:text-zinc-400 dark:group-hover:text-zinc-100">
              View revision graph →
            </div>
          </Card>
        </Link>
      ))}
    </div>
  );
}

function Stat({ label, value, warn = false }: { label: string; value: number; warn?: boolean }) {
  return (
    <div>
      <dd className={`text-lg font-semibold tabular-nums ${warn ? "text-amber-600 dark:text-amber-400" : "text-zinc-900 dark:text-zinc-100"}`}>
        {value}
      </dd>
      <dt>{label}</dt>
    </div>
  );
}
