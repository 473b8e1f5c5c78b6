/** Where upgrade, downgrade and stamp will live (next issue). Deliberately no buttons yet. */
export function ActionsSlot() {
  return (
    <section
      data-testid="actions-slot"
      className="rounded-xl border border-dashed border-zinc-300 px-4 py-5 text-sm text-zinc-500 dark:border-zinc-700"
    >
      <h2 className="font-medium text-zinc-700 dark:text-zinc-300">Actions</h2>
      <p className="mt-1">Upgrade, downgrade and stamp will appear here, guarded by this environment&apos;s protection.</p>
    </section>
  );
}
