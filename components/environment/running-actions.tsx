"use client";

import { useCallback, useEffect, useState } from "react";
import type { RunningActionView } from "@/lib/core/view/view-types";
import { Card } from "@/components/ui/card";

// The actions running on this environment right now: which step, whether it waits for a lock
// and on whom, and a Cancel button. Polled through a route (not a server action), so it keeps
// working while this very tab waits for its own upgrade.

const POLL_MS = 1_500;

export function RunningActions({ env }: { env: string }) {
  const [runs, setRuns] = useState<RunningActionView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const url = `/api/environments/${encodeURIComponent(env)}/runs`;

  const refresh = useCallback(async () => {
    const response = await fetch(url, { cache: "no-store" }).catch(() => null);
    if (response?.ok) setRuns(((await response.json()) as { runs: RunningActionView[] }).runs);
  }, [url]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void (document.visibilityState === "visible" && refresh()), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const cancel = async (runId: string) => {
    setError(null);
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ runId }) }).catch(() => null);
    if (!response?.ok) {
      const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(body?.error?.message ?? "The cancel request did not go through.");
    }
    await refresh();
  };

  if (runs.length === 0 && !error) return null;
  return (
    <Card className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800" data-testid="running-actions">
      <h2 className="px-4 py-2.5 text-xs font-semibold uppercase tracking-wide text-zinc-500">Running now</h2>
      {runs.map((run) => (
        <RunningRow key={run.runId} run={run} onCancel={() => void cancel(run.runId)} />
      ))}
      {error && <p role="alert" className="px-4 py-2.5 text-xs text-rose-700 dark:text-rose-300">{error}</p>}
    </Card>
  );
}

function RunningRow({ run, onCancel }: { run: RunningActionView; onCancel: () => void }) {
  return (
    <div className="space-y-2 px-4 py-3" data-testid="running-action" data-run-id={run.runId}>
      <div className="flex items-start justify-between gap-3">
        <p className="min-w-0">
          <span className="font-medium">{run.action} {run.target}</span>
          <span className="text-zinc-500"> by {run.actor}, since {time(run.startedAt)}</span>
          {run.step && <span className="block font-mono text-xs text-zinc-600 dark:text-zinc-400">running {run.step}</span>}
        </p>
        {run.cancellable && !run.cancelledBy && (
          <button type="button" onClick={onCancel} data-testid="cancel-run"
            className="shrink-0 rounded-md border border-rose-300 px-2.5 py-1 text-xs font-medium text-rose-700 hover:bg-rose-50 dark:border-rose-500/40 dark:text-rose-300 dark:hover:bg-rose-500/10">
            Cancel
          </button>
        )}
      </div>
      {run.waiting && (
        <p data-testid="running-waiting" className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">
          Waiting {run.waiting.since ? `since ${time(run.waiting.since)} ` : ""}for {run.waiting.lock ?? "a lock"} held by {run.waiting.blockedBy}.
        </p>
      )}
      {run.cancelledBy && <p className="text-xs text-zinc-500" data-testid="run-cancelling">Cancel requested by {run.cancelledBy}; stopping…</p>}
      {!run.cancellable && <p className="text-xs text-zinc-500">This run cannot be cancelled from here; it stops at its time limit.</p>}
    </div>
  );
}

function time(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$/, " UTC");
}
