import Link from "next/link";
import type { RevisionDetailView } from "@/lib/core/view/view-types";
import { Card } from "@/components/ui/card";
import { Chip } from "@/components/ui/chip";
import { RevId } from "@/components/ui/rev-id";

/** Parents, children, dependencies, labels and where the revision is applied. */
export function RevisionFacts({ detail }: { detail: RevisionDetailView }) {
  const { node, project } = detail;
  return (
    <Card className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800" data-testid="revision-facts">
      <Fact label="Revision">
        <code className="break-all font-mono text-xs">{node.revision}</code>
      </Fact>
      <Fact label="File">
        <code className="break-all font-mono text-xs">{node.path}</code>
      </Fact>
      {node.createDate && <Fact label="Created">{node.createDate}</Fact>}
      <Fact label="Parents" testId="parents">
        <RevList project={project} ids={node.downRevisions} empty="none — a base" />
      </Fact>
      <Fact label="Children" testId="children">
        <RevList project={project} ids={detail.children} empty="none — a head" />
      </Fact>
      <Fact label="Depends on" testId="depends-on">
        <RevList project={project} ids={node.dependsOn} empty="—" />
      </Fact>
      {detail.dependents.length > 0 && (
        <Fact label="Needed by">
          <RevList project={project} ids={detail.dependents} empty="—" />
        </Fact>
      )}
      <Fact label="Branch labels">
        {detail.labels.length === 0 ? (
          <span className="text-zinc-600 dark:text-zinc-400">—</span>
        ) : (
          <span className="flex flex-wrap gap-1">
            {detail.labels.map((label) => (
              <Chip key={label}>@{label}</Chip>
            ))}
          </span>
        )}
      </Fact>
      <Fact label="Applied in" testId="applied-in">
        {detail.appliedIn.length === 0 ? (
          <span className="text-zinc-600 dark:text-zinc-400">no environment yet</span>
        ) : (
          <span className="flex flex-wrap gap-1.5">
            {detail.appliedIn.map((env) => (
              <Link
                key={env}
                href={`/environments/${encodeURIComponent(env)}`}
                className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-inset ring-emerald-600/20 hover:underline dark:bg-emerald-500/10 dark:text-emerald-400"
              >
                {env}
              </Link>
            ))}
          </span>
        )}
      </Fact>
    </Card>
  );
}

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[7.5rem_1fr] gap-3 px-4 py-2.5" data-testid={testId}>
      <div className="text-zinc-600 dark:text-zinc-400">{label}</div>
      <div className="min-w-0">{children}</div>
    </div>
  );
}

function RevList({ project, ids, empty }: { project: string; ids: readonly string[]; empty: string }) {
  if (ids.length === 0) return <span className="text-zinc-600 dark:text-zinc-400">{empty}</span>;
  return (
    <span className="flex flex-wrap gap-1.5">
      {ids.map((id) => (
        <RevId key={id} project={project} revision={id} />
      ))}
    </span>
  );
}
