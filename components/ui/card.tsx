export function Card({
  children,
  className = "",
  ...rest
}: React.HTMLAttributes<HTMLDivElement> & { "data-testid"?: string; "data-status"?: string }) {
  return (
    <div
      className={`rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900 ${className}`}
      {...rest}
    >
      {children}
    </div>
  );
}

export function SectionTitle({ children, aside, id }: { children: React.ReactNode; aside?: React.ReactNode; id?: string }) {
  return (
    <div className="mb-3 flex items-baseline justify-between gap-4">
      <h2 id={id} className="text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{children}</h2>
      {aside && <div className="shrink-0 text-sm text-zinc-600 dark:text-zinc-400">{aside}</div>}
    </div>
  );
}
