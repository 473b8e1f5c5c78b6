import Link from "next/link";
import { DriftSummaryLine } from "@/components/drift/drift-summary";
import type { DriftSummary } from "@/lib/core/view/drift-view-types";
import { Card } from "@/components/ui/card";
import { ProtectionBadge } from "@/components/ui/protection-badge";
import { RevId } from "@/components/ui/rev-id";
import { StatusBadge } from "@/components/ui/status-badge";
import { AlembicCurrent, type EnvironmentWithHeads } from "./alembic-current";
import { StatusNote } from "./status-note";

/** `drift`: the last schema comparison this server made (the card never waits for one). */
export function EnvironmentCard({ env, heads, effectiveHeads, drift = null }: EnvironmentWithHeads & { drift?: DriftSummary | null }) {
  const table = env.versionSchema ? `${env.versionSchema}.${env.versionTable}` : env.versionTable;
  return (
    <Card data-testid={`env-${env.name}`} data-status={env.status} className="flex flex-col">
      <div className="flex items-start justify-between gap-3 border-b border-zinc-100 px-4 py-3 dark:border-zinc-800">
        <div className="min-w-0">
          <Link
            href={`/environments/${encodeURIComponent(env.name)}`}
            className="font-medium tracking-tight hover:underline"
            data-testid="env-link"
          >
            {env.name}
          </Link>
          <div className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-zinc-600 dark:text-zinc-400">
            <Link href={`/projects/${encodeURIComponent(env.project)}?env=${encodeURIComponent(env.name)}`} className="hover:underline">
              {env.project}
            </Link>
            <span aria-hidden>·</span>
            <code className="font-mono">{table}</code>
          </div>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1">
          <StatusBadge status={env.status} pendingCount={env.pending.length} />
          <ProtectionBadge protection={env.protection} />
        </div>
      </div>
      <div className="flex flex-1 flex-col gap-3 px-4 py-3 text-sm">
        <div className="flex flex-wrap items-center gap-1.5" data-testid="version-rows">
          <span className="mr-1 text-xs text-zinc-600 dark:text-zinc-400">Version rows</span>
          {env.rows.length === 0 ? (
            <span className="text-xs text-zinc-600 dark:text-zinc-400">
              {env.status === "unreachable" ? "not read" : env.tableExists ? "table is empty" : "no version table"}
            </span>
          ) : (
            env.rows.map((row) => (
              <RevId key={row} revision={row} project={env.project} missing={env.unknownRows.includes(row)} />
            ))
          )}
        </div>
        {env.status === "unreachable" ? null : <AlembicCurrent env={env} heads={heads} effectiveHeads={effectiveHeads} />}
        <StatusNote env={env} />
        {env.status === "unreachable" ? null : <DriftSummaryLine env={env.name} summary={drift} />}
      </div>
    </Card>
  );
}
