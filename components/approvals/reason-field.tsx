"use client";

// Why an approval is requested: required, and shown to the approver beside the plan.
export function ReasonField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  return (
    <label className="block text-sm">
      <span>Reason for the approver <span className="text-zinc-600 dark:text-zinc-400">(required)</span></span>
      <textarea
        name="reason"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required
        minLength={3}
        maxLength={500}
        rows={2}
        aria-invalid={Boolean(error)}
        aria-describedby="reason-help"
        autoFocus
        data-testid="approval-reason"
        className="mt-1 block w-full rounded-md border border-zinc-400 px-2 py-1 text-sm dark:border-zinc-600 dark:bg-zinc-950"
      />
      <span id="reason-help" className={`mt-1 block text-xs ${error ? "text-rose-700 dark:text-rose-400" : "text-zinc-600 dark:text-zinc-400"}`}>
        {error ?? "A ticket, an incident, or what this unblocks: the approver reads it before deciding."}
      </span>
    </label>
  );
}
