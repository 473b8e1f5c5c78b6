"use client";

import type { ActionPanelView, EnvironmentActionKind } from "@/lib/server/forms/environment-actions";

export const DEFAULT_TARGETS: Record<EnvironmentActionKind, string> = { upgrade: "heads", rehearse: "heads", downgrade: "-1", stamp: "heads" };
const HINTS: Record<EnvironmentActionKind, string> = {
  upgrade: "heads, head, a revision, label@head or +N",
  rehearse: "heads, head, a revision, label@head or +N",
  downgrade: "a revision, -N or base",
  stamp: "one or more revisions (or heads), separated by spaces",
};

export interface TargetChoice {
  target: string;
  purge: boolean;
}

/**
 * The target input and (stamp) the purge box, controlled by the dialog: after Preview they are
 * read-only and show exactly the request that was planned, which is the one that will run.
 */
export function TargetFields({
  view,
  kind,
  value,
  onChange,
  errors,
  locked,
}: {
  view: ActionPanelView;
  kind: EnvironmentActionKind;
  value: TargetChoice;
  onChange: (next: TargetChoice) => void;
  errors?: Record<string, string[]>;
  locked: boolean;
}) {
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
          value={value.target}
          onChange={(event) => onChange({ ...value, target: event.target.value })}
          list="revision-choices"
          readOnly={locked}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "target-error" : "target-hint"}
          data-testid="target-input"
          className="mt-1 block w-full rounded-md border border-zinc-400 px-2 py-1 font-mono text-sm read-only:bg-zinc-100 dark:border-zinc-600 dark:bg-zinc-950 dark:read-only:bg-zinc-800"
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
        <p id="target-hint" className="text-xs text-zinc-600 dark:text-zinc-400">{HINTS[kind]}. Now: {view.rows.length ? view.rows.join(", ") : "no version rows"}.</p>
      )}
      {kind === "stamp" && (
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="purge"
            checked={value.purge}
            // Locked after Preview it still shows the planned choice; the confirmation sends the
            // planned request in hidden fields of its own.
            disabled={locked}
            onChange={(event) => onChange({ ...value, purge: event.target.checked })}
            data-testid="purge-input"
            className="mt-0.5"
          />
          <span>Purge the version table first (the only way past rows Retort does not know)</span>
        </label>
      )}
    </div>
  );
}
