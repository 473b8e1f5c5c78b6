"use client";

import { useState } from "react";
import { Button } from "@/components/actions/dialog";

// Approving runs the action, so it takes two steps: open the confirmation, then type the
// environment's name. The server refuses an approval post without the name, whatever this shows.
export function ApproveForm({ id, env, approve, approving }: { id: string; env: string; approve: (formData: FormData) => void; approving: boolean }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  if (!open) {
    return <Button type="button" tone="primary" onClick={() => setOpen(true)} data-testid="approve">Approve…</Button>;
  }
  const matches = typed.trim() === env;
  const help = `approve-help-${id.replace(/[^a-z0-9]/gi, "-")}`;
  return (
    <form action={approve} className="flex w-full flex-wrap items-end gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-500/40 dark:bg-amber-500/10" data-testid="approve-confirm">
      <input type="hidden" name="id" value={id} />
      <label className="block text-sm">
        <span>Type <strong className="font-mono">{env}</strong> to approve and run it now</span>
        <input
          name="confirmation"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          aria-describedby={help}
          data-testid="approve-name"
          className="mt-1 block w-full max-w-64 rounded-md border border-zinc-400 bg-white px-2 py-1 font-mono text-sm dark:border-zinc-600 dark:bg-zinc-950"
        />
        <span id={help} className="mt-1 block text-xs text-zinc-700 dark:text-zinc-300">{matches ? "Name matches." : `The button stays disabled until this reads ${env}.`}</span>
      </label>
      <Button type="submit" tone="primary" disabled={approving || !matches} data-testid="approve-submit">{approving ? "Running…" : `Approve and run on ${env}`}</Button>
      <Button type="button" onClick={() => setOpen(false)} data-testid="approve-cancel">Cancel</Button>
    </form>
  );
}
