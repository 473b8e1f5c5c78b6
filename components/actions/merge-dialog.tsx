"use client";

import { useActionState, useState } from "react";
import { mergeHeadsAction, type MergePanelView } from "@/lib/server/forms/merge-action";
import { SourceViewer } from "@/components/source/source-viewer";
import { CopyButton } from "@/components/ui/copy-button";
import { Button, Dialog, Failure } from "./dialog";

/** Merge the project's heads into a new revision file (alembic merge heads). */
export function MergeDialog({ view }: { view: MergePanelView }) {
  const [open, setOpen] = useState(false);
  const [attempt, setAttempt] = useState(0);
  return (
    <div data-testid="merge-panel" className="flex items-center gap-2">
      <Button onClick={() => setOpen(true)} disabled={view.disabledReason !== null} title={view.disabledReason ?? undefined} data-testid="merge-open">
        Merge heads…
      </Button>
      {view.disabledReason && <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="merge-disabled-reason">{view.disabledReason}</span>}
      {open && (
        <Dialog title={`Merge the heads of ${view.project}`} onClose={() => { setOpen(false); setAttempt((n) => n + 1); }} testId="merge-dialog">
          <MergeForm key={attempt} view={view} />
        </Dialog>
      )}
    </div>
  );
}

function MergeForm({ view }: { view: MergePanelView }) {
  const [result, merge, pending] = useActionState(mergeHeadsAction.bind(null, view.project), null);
  if (result?.ok) {
    return (
      <div className="space-y-3 text-sm" data-testid="merge-result" data-revision={result.data.revision}>
        <p className="flex flex-wrap items-center gap-1 font-medium text-teal-800 dark:text-teal-300">
          Wrote <code className="break-all font-mono" data-testid="merge-path">{result.data.path}</code>
          <CopyButton text={result.data.path} label="Copy the file's path" />
        </p>
        <p>
          New revision <code className="font-mono">{result.data.revision}</code> merges {result.data.downRevisions.join(" and ")}. The project now has{" "}
          <span data-testid="merge-heads-after" data-count={result.data.headsAfter.length}>
            {result.data.headsAfter.length} head{result.data.headsAfter.length === 1 ? "" : "s"}
          </span>.
        </p>
        <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 dark:bg-amber-500/10 dark:text-amber-200" data-testid="merge-commit-note">
          The file exists only on this server until you commit it: add it to version control with the rest of {view.project}&apos;s migrations, or the next deploy will not have it.
        </p>
        <SourceViewer source={result.data.content} language={result.data.language} title={result.data.path} testId="merge-content" />
      </div>
    );
  }
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <form action={merge} className="space-y-3" data-testid="merge-form">
      <div>
        <div className="text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400">Heads to merge</div>
        <ul className="mt-1 space-y-0.5 text-sm">
          {view.heads.map((h) => (
            <li key={h.revision}><code className="font-mono text-xs">{h.revision}</code> {h.message}</li>
          ))}
        </ul>
      </div>
      <Field name="message" label="Message" hint="1–200 characters, one line." errors={errors?.message} defaultValue={`merge ${view.heads.map((h) => h.revision.slice(0, 8)).join(" and ")}`} />
      <Field name="branchLabel" label="Branch label (optional)" hint="Letters, digits and _, starting with a letter or _." errors={errors?.branchLabel} />
      {result && !result.ok && <Failure code={result.code} message={result.message} />}
      <Button type="submit" tone="primary" disabled={pending} data-testid="merge-submit">{pending ? "Writing…" : "Write merge revision"}</Button>
    </form>
  );
}

function Field({ name, label, hint, errors, defaultValue }: { name: string; label: string; hint: string; errors?: string[]; defaultValue?: string }) {
  const describedBy = `${name}-${errors?.length ? "error" : "hint"}`;
  return (
    <label className="block text-sm">
      <span className="font-medium">{label}</span>
      <input
        name={name}
        defaultValue={defaultValue}
        aria-invalid={Boolean(errors?.length)}
        aria-describedby={describedBy}
        data-testid={`merge-${name}`}
        className="mt-1 block w-full rounded-md border border-zinc-400 px-2 py-1 text-sm dark:border-zinc-600 dark:bg-zinc-950"
      />
      <span id={describedBy} className={`mt-1 block text-xs ${errors?.length ? "text-rose-700 dark:text-rose-400" : "text-zinc-600 dark:text-zinc-400"}`}>
        {errors?.length ? errors[0] : hint}
      </span>
    </label>
  );
}
