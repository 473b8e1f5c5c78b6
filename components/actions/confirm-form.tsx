"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionFailure, ActionPreview } from "@/lib/server/forms/environment-actions";
import { ReasonField } from "@/components/approvals/reason-field";
import { actionTitle } from "./action-words";
import { Button } from "./dialog";

/**
 * The second step: the planned request in hidden fields, the typed name where protection asks
 * for it, and a run button that names exactly what runs. The button stays disabled until the
 * name matches; the server checks the name again whatever the button said.
 */
export function ConfirmForm({
  env,
  preview,
  action,
  running,
  refusal,
  onChange,
}: {
  env: string;
  preview: ActionPreview;
  action: (formData: FormData) => void;
  running: boolean;
  refusal: ActionFailure | null;
  onChange: () => void;
}) {
  const { request, guard } = preview;
  const [typed, setTyped] = useState("");
  const [reason, setReason] = useState("");
  const nameField = useRef<HTMLInputElement>(null);
  const runButton = useRef<HTMLButtonElement>(null);
  const empty = request.kind === "stamp" ? preview.stampOps.length === 0 : preview.steps.length === 0;
  const asksName = guard === "type-name" && !empty;
  const nameMatches = typed.trim() === env;
  const asksReason = guard === "approval" && !empty;
  const reasonGiven = reason.trim().length >= 3;
  // The preview has just appeared below the fields: take the user to what they do next.
  useEffect(() => (nameField.current ?? runButton.current)?.focus(), []);
  const title = actionTitle(request, env);
  const label = guard === "approval" ? `Request approval: ${title[0]!.toLowerCase()}${title.slice(1)}` : title;
  const error = refusal?.fieldErrors?.confirmation?.[0] ?? refusal?.message;
  return (
    <form action={action} className="space-y-3 border-t border-zinc-200 pt-4 dark:border-zinc-800" data-testid="confirm-form">
      <input type="hidden" name="kind" value={request.kind} />
      <input type="hidden" name="target" value={request.target} />
      <input type="hidden" name="targets" value={request.targets.join(" ")} />
      {request.purge && <input type="hidden" name="purge" value="on" />}
      <input type="hidden" name="expectedRows" value={JSON.stringify(preview.rowsBefore)} />
      <input type="hidden" name="planDigest" value={preview.planDigest} />
      {asksName && (
        <label className="block text-sm">
          <span>
            Type <strong className="font-mono">{env}</strong> to confirm
          </span>
          <input
            ref={nameField}
            name="confirmation"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={Boolean(refusal) || (typed !== "" && !nameMatches)}
            aria-describedby="confirm-help"
            data-testid="confirm-name"
            className="mt-1 block w-full max-w-64 rounded-md border border-zinc-400 px-2 py-1 font-mono text-sm dark:border-zinc-600 dark:bg-zinc-950"
          />
          <span id="confirm-help" className={`mt-1 block text-xs ${refusal ? "text-rose-700 dark:text-rose-400" : "text-zinc-600 dark:text-zinc-400"}`} data-testid="confirm-help">
            {refusal ? error : nameMatches ? "Name matches." : `The button stays disabled until this reads ${env}.`}
          </span>
        </label>
      )}
      {asksReason && (
        <>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">{env} needs approval: this stores a request that a different admin must approve. Nothing runs now.</p>
          <ReasonField value={reason} onChange={setReason} error={refusal?.fieldErrors?.reason?.[0]} />
        </>
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          ref={runButton}
          type="submit"
          tone={request.kind === "downgrade" || request.purge ? "danger" : "primary"}
          disabled={running || empty || (asksName && !nameMatches) || (asksReason && !reasonGiven)}
          data-testid="confirm-submit"
          data-action={title}
        >
          {running ? "Running…" : empty ? "Nothing to do" : label}
        </Button>
        <Button type="button" onClick={onChange} data-testid="preview-again">Change</Button>
      </div>
    </form>
  );
}
