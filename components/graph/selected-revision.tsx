"use client";

import Link from "next/link";
import type { EnvironmentView, RevisionNodeView } from "@/lib/core/view/view-types";
import { Chip } from "@/components/ui/chip";
import { revisionRoles } from "./revision-kind";
import { setSearchParams } from "./url-state";

/** A compact card for the clicked revision, with the way to its full page. */
export function SelectedRevision({
  project,
  revision,
  children,
  envs,
}: {
  project: string;
  revision: RevisionNodeView;
  children: readonly string[];
  envs: readonly EnvironmentView[];
}) {
  const href = `/projects/${encodeURIComponent(project)}/revisions/${encodeURIComponent(revision.revision)}`;
  return (
    <div
      data-testid="selected-revision"
      className="w-80 rounded-xl border border-zinc-200 bg-white/95 p-4 text-sm shadow-lg backdrop-blur dark:border-zinc-700 dark:bg-zinc-900/95"
    >
      <div className="flex items-start justify-between gap-2">
        <code className="break-all font-mono text-xs">{revision.revision}</code>
        <button
          type="button"
          aria-label="Close"
          onClick={() => setSearchParams({ rev: null })}
          className="-mr-1 -mt-1 rounded p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 dark:hover:bg-zinc-800"
        >
          ✕
        </button>
      </div>
      <p className="mt-1 font-medium">{revision.message || "No message"}</p>
      <div className="mt-2 flex flex-wrap gap-1">
        {revisionRoles(revision).map((role) => (
          <Chip key={role.key} tone={role.tone}>
            {role.label}
          </Chip>
        ))}
        {envs.map((env) => (
          <Chip key={env.name}>{env.name}</Chip>
        ))}
      </div>
      <dl className="mt-3 space-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <Fact label="File">{revision.path}</Fact>
        <Fact label="Parents">{revision.downRevisions.map((p) => p.slice(0, 12)).join(", ") || "—"}</Fact>
        <Fact label="Children">{children.map((c) => c.slice(0, 12)).join(", ") || "—"}</Fact>
        {revision.dependsOn.length > 0 && <Fact label="Depends on">{revision.dependsOn.map((d) => d.slice(0, 12)).join(", ")}</Fact>}
      </dl>
      <Link href={href} className="mt-3 inline-block text-xs font-medium text-sky-700 hover:underline dark:text-sky-400">
        Open revision →
      </Link>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="w-20 shrink-0 text-zinc-400">{label}</dt>
      <dd className="min-w-0 break-all font-mono">{children}</dd>
    </div>
  );
}
