import Link from "next/link";
import type { EnvironmentView, ProjectGraphView } from "@/lib/core/view/view-types";
import { AlembicCurrent } from "@/components/overview/alembic-current";
import { StatusNote } from "@/components/overview/status-note";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { RevId } from "@/components/ui/rev-id";

export async function EnvironmentSummary({ env, graph }: { env: EnvironmentView; graph: Promise<ProjectGraphView | null> }) {
  const view = await graph;
  const heads = new Set(view?.heads ?? []);
  const effective = new Set(view?.revisions.filter((r) => r.isEffectiveHead).map((r) => r.revision) ?? []);
  const table = env.versionSchema ? `${env.versionSchema}.${env.versionTable}` : env.versionTable;
  return (
    <Card className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800" data-testid="environment-summary">
      <Row label="Project">
        <Link href={`/projects/${encodeURIComponent(env.project)}?env=${encodeURIComponent(env.name)}`} className="font-medium hover:underline">
          {env.project}
        </Link>
      </Row>
      <Row label="Version table">
        <code className="font-mono text-xs">{table}</code>
        {!env.tableExists && env.status !== "unreachable" && <span className="ml-2 text-xs text-zinc-600 dark:text-zinc-400">(missing)</span>}
      </Row>
      <Row label="Version rows">
        {env.rows.length === 0 ? (
          <span className="text-zinc-600 dark:text-zinc-400">none</span>
        ) : (
          <span className="flex flex-wrap items-center gap-1.5">
            {env.rows.map((row) => (
              <RevId key={row} revision={row} project={env.project} missing={env.unknownRows.includes(row)} />
            ))}
            <CopyButton text={env.rows.join(" ")} label={env.rows.length === 1 ? "Copy the version row" : "Copy the version rows"} />
          </span>
        )}
      </Row>
      {env.status !== "unreachable" && (
        <div className="px-4 py-3">
          <AlembicCurrent env={env} heads={heads} effectiveHeads={effective} />
        </div>
      )}
      <div className="px-4 py-3">
        <StatusNote env={env} />
      </div>
    </Card>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[7.5rem_1fr] gap-3 px-4 py-2.5">
      <div className="text-zinc-600 dark:text-zinc-400">{label}</div>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
