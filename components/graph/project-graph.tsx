import { encodeGraphPayload } from "@/lib/core/view/graph-payload";
import type { EnvironmentView, ProjectGraphView } from "@/lib/core/view/view-types";
import { GraphLegend } from "./legend";
import { ProblemsList } from "./problems-list";
import { RevisionGraph } from "./revision-graph";

/** Problems, the interactive graph and its legend; streams in once the data is read. */
export async function ProjectGraph({
  view,
  environments,
}: {
  view: ProjectGraphView;
  environments: Promise<EnvironmentView[]>;
}) {
  const envs = (await environments).filter((e) => e.project === view.project);
  return (
    <div className="space-y-4">
      <ProblemsList project={view.project} problems={view.problems} />
      {view.revisions.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-12 text-center text-sm text-zinc-500 dark:border-zinc-700">
          No revisions in this directory yet.
        </p>
      ) : (
        <RevisionGraph graph={encodeGraphPayload(view)} environments={envs} />
      )}
      <GraphLegend />
    </div>
  );
}
