"use client";

import Link from "next/link";
import { useState } from "react";
import type { ActionPanelView, EnvironmentActionKind } from "@/app/environments/[env]/actions";
import { Button } from "./dialog";
import { PreviewDialog } from "./preview-dialog";

const LABELS: Record<EnvironmentActionKind, string> = { upgrade: "Upgrade…", downgrade: "Downgrade…", stamp: "Stamp…", rehearse: "Rehearse…" };
const GUARDS = { run: "", "type-name": "You will type the environment's name to confirm.", approval: "A different admin must approve before it runs.", refused: "" };

/** The buttons the user may press here; each opens its preview dialog. */
export function ActionPanel({ view }: { view: ActionPanelView }) {
  const [open, setOpen] = useState<EnvironmentActionKind | null>(null);
  const guard = view.actions.find((a) => a.enabled)?.guard ?? "run";
  return (
    <section data-testid="actions-panel" className="rounded-xl border border-zinc-200 bg-white px-4 py-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-zinc-500">Actions</h2>
      <div className="mt-3 flex flex-wrap gap-2">
        {view.actions.map((action) => (
          <Button
            key={action.kind}
            data-testid={`action-${action.kind}`}
            tone={action.kind === "upgrade" ? "primary" : "neutral"}
            disabled={!action.enabled}
            title={action.reason}
            onClick={() => setOpen(action.kind)}
          >
            {LABELS[action.kind]}
          </Button>
        ))}
      </div>
      {view.actions.filter((a) => !a.enabled && a.reason).map((a) => (
        <p key={a.kind} className="mt-2 text-xs text-zinc-500" data-testid={`action-${a.kind}-reason`}>
          {a.kind}: {a.reason}
        </p>
      ))}
      {GUARDS[guard] && <p className="mt-3 text-xs text-zinc-500">{GUARDS[guard]}</p>}
      {view.protection === "approval" && (
        <p className="mt-2 text-xs text-zinc-500">
          <Link href="/approvals" className="text-sky-700 hover:underline dark:text-sky-400" data-testid="approvals-link">
            {view.pendingApprovals} pending approval{view.pendingApprovals === 1 ? "" : "s"}
          </Link>
        </p>
      )}
      {open && <PreviewDialog view={view} kind={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
