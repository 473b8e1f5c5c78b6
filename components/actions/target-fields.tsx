"use client";

import type { ActionPanelView, EnvironmentActionKind } from "@/app/environments/[env]/actions";

const DEFAULTS: Record<EnvironmentActionKind, string> = { upgrade: "heads", rehearse: "heads", downgrade: "-1", stamp: "heads" };
const HINTS: Record<EnvironmentActionKind, string> = {
  upgrade: "heads, head, a revision, label@head or +N",
  rehearse: "heads, head, a revision, label@head or +N",
  downgrade: "a revision, -N or base",
  stamp: "one or more revisions (or heads), separated by spaces",
};

/** The target input, with the project's revisions and the symbolic forms as suggestions. */
export function TargetFields({ view, kind, errors, disabled }: { view: ActionPanelView; kind: EnvironmentActionKind; errors?: Record<string, string[]>; disabled: boolean }) {
  const name = kind === "stamp" ? "targets" : "target";
  const error = errors?.[name]?.[0];
  const symbols = kind === "downgrade" ? ["-1", "base"] : ["heads", "head", "+1"];
  const labels = [...new Set(view.revisions.flatMap((r) => r.labels))].map((l) => `${l}@head`);
  return (
    <div className="space-y-2">
      <label className="block text-sm">
        <span className="font-medium">{kind === "stamp" ? "Revisions" : "Target"}</span>
        <input
          name={name}
          defaultValue={DEFAULTS[kind]}
          list="revision-choices"
          readOnly={disabled}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "target-error" : "target-hint"}
          data-testid="target-input"
          className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-1 font-mono text-sm read-only:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-950"
        />
      </label>
      <datalist id="revision-choices">
        {[...symbols, ...labels].map((s) => <option key={s} value={s} />)}
        {view.revisions.map((r) => (
          <option key={r.revision} value={r.revision}>{`${r.revision.slice(0, 12)} ${r.message}${r.isHead ? " (head)" : ""}`}</option>
        ))}
      </datalist>
      {error ? (
        <p id="target-error" className="text-xs text-rose-700 dark:text-rose-400">{error}</p>
      ) : (
        <p id="target-hint" className="text-xs text-zinc-500">{HINTS[kind]}. Now: {view.rows.length ? view.rows.join(", ") : "no version rows"}.</p>
      )}
      {kind === "stamp" && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="purge" disabled={disabled} data-testid="purge-input" />
          Purge the version table first (the only way past rows Retort does not know)
        </label>
      )}
    </div>
  );
}
