"use client";

import { useActionState, useState } from "react";
import { confirmAction, previewAction, type ActionPanelView, type ActionPreview, type EnvironmentActionKind } from "@/app/environments/[env]/actions";
import { Button, Dialog, Failure } from "./dialog";
import { PreviewView } from "./preview-view";
import { ResultView } from "./result-view";
import { TargetFields } from "./target-fields";

const TITLES: Record<EnvironmentActionKind, string> = { upgrade: "Upgrade", downgrade: "Downgrade", stamp: "Stamp", rehearse: "Rehearse an upgrade of" };

/** Preview first, then confirm: one dialog, restarted from scratch by "Preview again". */
export function PreviewDialog({ view, kind, onClose }: { view: ActionPanelView; kind: EnvironmentActionKind; onClose: () => void }) {
  const [attempt, setAttempt] = useState(0);
  return (
    <Dialog title={`${TITLES[kind]} ${view.env}`} onClose={onClose} testId="action-dialog">
      <PreviewFlow key={attempt} view={view} kind={kind} onRestart={() => setAttempt((n) => n + 1)} onClose={onClose} />
    </Dialog>
  );
}

function PreviewFlow({ view, kind, onRestart, onClose }: { view: ActionPanelView; kind: EnvironmentActionKind; onRestart: () => void; onClose: () => void }) {
  const [preview, requestPreview, previewing] = useActionState(previewAction.bind(null, view.env), null);
  const [result, confirm, running] = useActionState(confirmAction.bind(null, view.env), null);
  if (result) return <ResultView result={result} env={view.env} onRestart={onRestart} onClose={onClose} />;
  const ready = preview?.ok ? preview.data : null;
  return (
    <>
      <form action={requestPreview} className="space-y-3" data-testid="preview-form">
        <input type="hidden" name="kind" value={kind} />
        <TargetFields view={view} kind={kind} errors={preview && !preview.ok ? preview.fieldErrors : undefined} disabled={Boolean(ready)} />
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
          <ConfirmForm view={view} preview={ready} action={confirm} running={running} onRestart={onRestart} />
        </>
      )}
    </>
  );
}

function ConfirmForm({
  view,
  preview,
  action,
  running,
  onRestart,
}: {
  view: ActionPanelView;
  preview: ActionPreview;
  action: (formData: FormData) => void;
  running: boolean;
  onRestart: () => void;
}) {
  const { request, guard } = preview;
  const empty = request.kind === "stamp" ? preview.stampOps.length === 0 : preview.steps.length === 0;
  const verb = guard === "approval" ? "Request approval" : request.kind === "rehearse" ? "Rehearse" : `${request.kind[0]!.toUpperCase()}${request.kind.slice(1)} ${view.env}`;
  return (
    <form action={action} className="space-y-3 border-t border-zinc-200 pt-4 dark:border-zinc-800" data-testid="confirm-form">
      <input type="hidden" name="kind" value={request.kind} />
      <input type="hidden" name="target" value={request.target} />
      <input type="hidden" name="targets" value={request.targets.join(" ")} />
      {request.purge && <input type="hidden" name="purge" value="on" />}
      <input type="hidden" name="expectedRows" value={JSON.stringify(preview.rowsBefore)} />
      <input type="hidden" name="planDigest" value={preview.planDigest} />
      {guard === "type-name" && !empty && (
        <label className="block text-sm">
          <span>
            Type <strong className="font-mono">{view.env}</strong> to confirm
          </span>
          <input
            name="confirmation"
            autoComplete="off"
            data-testid="confirm-name"
            className="mt-1 block w-64 rounded-md border border-zinc-300 px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
          />
        </label>
      )}
      {guard === "approval" && !empty && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{view.env} needs approval: this stores a request that a different admin must approve. Nothing runs now.</p>
      )}
      <div className="flex gap-2">
        <Button type="submit" tone={request.kind === "downgrade" || request.purge ? "danger" : "primary"} disabled={running || empty} data-testid="confirm-submit">
          {running ? "Running…" : empty ? "Nothing to do" : verb}
        </Button>
        <Button type="button" onClick={onRestart} data-testid="preview-again">Change</Button>
      </div>
    </form>
  );
}
