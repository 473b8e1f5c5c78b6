"use client";

import Link from "next/link";
import { useState } from "react";
import type { ActionPanelView, EnvironmentActionKind } from "@/lib/server/forms/environment-actions";
import type { SuggestedAction } from "@/components/environment/guidance";
import { Button } from "./dialog";
import { PreviewDialog, type DialogPreset } from "./preview-dialog";

const LABELS: Record<EnvironmentActionKind, string> = { upgrade: "Upgrade…", downgrade: "Downgrade…", stamp: "Stamp…", rehearse: "Rehearse…" };
const GUARDS = { run: "", "type-name": "You will type the environment's name to confirm (not for a rehearsal, which changes nothing).", approval: "A different admin must approve before it runs (a rehearsal runs at once).", refused: "" };

/**
 * The buttons the user may press here; each opens its preview dialog. A suggested action (the
 * way out of a bad state) comes first as the primary button, and upgrade steps back.
 */
export function ActionPanel({ view, suggestion }: { view: ActionPanelView; suggestion?: SuggestedAction | null }) {
  const [open, setOpen] = useState<DialogPreset | null>(null);
  const guard = view.actions.find((a) => a.enabled && a.kind !== "rehearse")?.guard ?? "run";
  const usable = suggestion && view.actions.some((a) => a.kind === suggestion.kind && a.enabled) ? suggestion : null;
  // A suggestion with nothing preset just promotes its button; one with a preset gets its own.
  const offered = usable && (usable.purge || usable.target) ? usable : null;
  const primary = offered ? null : (usable?.kind ?? "upgrade");
  return (
    <section data-testid="actions-panel" aria-labelledby="actions-title" className="rounded-xl border border-zinc-200 bg-white px-4 py-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="actions-title" className="text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">Actions</h2>
      <div className="mt-3 flex flex-wrap gap-2">
        {offered && (
          <Button tone="primary" data-testid="action-suggested" data-kind={offered.kind} onClick={() => setOpen({ kind: offered.kind, target: offered.target, purge: offered.purge })}>
            {offered.label}
          </Button>
        )}
        {/* The primary action first, so the eye and the Tab key meet it before the others. */}
        {[...view.actions].sort((a, b) => Number(b.kind === primary) - Number(a.kind === primary)).map((action) => (
          <Button
            key={action.kind}
            data-testid={`action-${action.kind}`}
            data-primary={action.kind === primary}
            tone={action.kind === primary ? "primary" : "neutral"}
            disabled={!action.enabled}
            title={action.reason}
            onClick={() => setOpen({ kind: action.kind })}
          >
            {LABELS[action.kind]}
          </Button>
        ))}
      </div>
      {view.actions.filter((a) => !a.enabled && a.reason).map((a) => (
        <p key={a.kind} className="mt-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid={`action-${a.kind}-reason`}>
          {a.kind}: {a.reason}
        </p>
      ))}
      {GUARDS[guard] && <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">{GUARDS[guard]}</p>}
      {view.protection === "approval" && (
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          <Link href="/approvals" className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400" data-testid="approvals-link">
            {view.pendingApprovals} pending approval{view.pendingApprovals === 1 ? "" : "s"}
          </Link>
        </p>
      )}
      {open && <PreviewDialog view={view} preset={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
