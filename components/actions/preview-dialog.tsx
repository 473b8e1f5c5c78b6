"use client";

import { startTransition, useActionState, useState } from "react";
import { confirmAction, previewAction, type ActionPanelView, type EnvironmentActionKind } from "@/lib/server/forms/environment-actions";
import { ConfirmForm } from "./confirm-form";
import { Button, Dialog, Failure } from "./dialog";
import { PreviewView } from "./preview-view";
import { ResultView } from "./result-view";
import { DEFAULT_TARGETS, TargetFields, type TargetChoice } from "./target-fields";

const TITLES: Record<EnvironmentActionKind, string> = { upgrade: "Upgrade", downgrade: "Downgrade", stamp: "Stamp", rehearse: "Rehearse an upgrade of" };

/** What a dialog opens with: the kind's default target, or a suggestion (e.g. a purge stamp). */
export interface DialogPreset {
  kind: EnvironmentActionKind;
  target?: string;
  purge?: boolean;
}

/** Preview first, then confirm: one dialog; "Change" goes back to the fields, keeping what was typed. */
export function PreviewDialog({ view, preset, onClose }: { view: ActionPanelView; preset: DialogPreset; onClose: () => void }) {
  const [attempt, setAttempt] = useState(0);
  const [choice, setChoice] = useState<TargetChoice>({ target: preset.target ?? DEFAULT_TARGETS[preset.kind], purge: preset.purge ?? false });
  return (
    <Dialog title={`${TITLES[preset.kind]} ${view.env}`} onClose={onClose} testId="action-dialog">
      <PreviewFlow key={attempt} view={view} kind={preset.kind} choice={choice} onChoice={setChoice} onRestart={() => setAttempt((n) => n + 1)} onClose={onClose} />
    </Dialog>
  );
}

function PreviewFlow({
  view,
  kind,
  choice,
  onChoice,
  onRestart,
  onClose,
}: {
  view: ActionPanelView;
  kind: EnvironmentActionKind;
  choice: TargetChoice;
  onChoice: (next: TargetChoice) => void;
  onRestart: () => void;
  onClose: () => void;
}) {
  const [preview, requestPreview, previewing] = useActionState(previewAction.bind(null, view.env), null);
  const [result, confirm, running] = useActionState(confirmAction.bind(null, view.env), null);
  // A mistyped name is refused without running anything: keep the preview and say so beside the field.
  const mismatch = result && !result.ok && result.code === "confirm:mismatch" ? result : null;
  if (result && !mismatch) return <ResultView result={result} env={view.env} onRestart={onRestart} onClose={onClose} />;
  const ready = preview?.ok ? preview.data : null;
  // The fields show the request as the server planned it once there is a plan.
  const shown = ready ? { target: ready.request.kind === "stamp" ? ready.request.targets.join(" ") : ready.request.target, purge: ready.request.purge } : choice;
  function submit(event: React.FormEvent<HTMLFormElement>) {
    // Dispatched by hand: a form `action` would reset the fields after the preview returns.
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => requestPreview(form));
  }
  return (
    <>
      <form onSubmit={submit} className="space-y-3" data-testid="preview-form">
        <input type="hidden" name="kind" value={kind} />
        <TargetFields view={view} kind={kind} value={shown} onChange={onChoice} errors={preview && !preview.ok ? preview.fieldErrors : undefined} locked={Boolean(ready)} />
        {!ready && (
          <Button type="submit" tone="primary" disabled={previewing} data-testid="preview-submit">
            {previewing ? "Planning…" : "Preview"}
          </Button>
        )}
      </form>
      {preview && !preview.ok && <Failure code={preview.code} message={preview.message} />}
      {ready && (
        <>
          <PreviewView preview={ready} />
          <ConfirmForm env={view.env} preview={ready} action={confirm} running={running} refusal={mismatch} onChange={onRestart} />
        </>
      )}
    </>
  );
}
