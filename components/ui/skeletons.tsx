const pulse = "animate-pulse rounded-md bg-zinc-200/70 dark:bg-zinc-800";

export function LineSkeleton({ className = "" }: { className?: string }) {
  return <div className={`${pulse} h-4 ${className}`} />;
}

export function CardSkeleton() {
  return (
    <div className="space-y-3 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex justify-between">
        <LineSkeleton className="w-24" />
        <LineSkeleton className="w-16" />
      </div>
      <LineSkeleton className="w-3/4" />
      <LineSkeleton className="w-1/2" />
      <div className={`${pulse} h-12`} />
    </div>
  );
}

export function CardGridSkeleton({ count = 6 }: { count?: number }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="skeleton">
      {Array.from({ length: count }, (_, i) => (
        <CardSkeleton key={i} />
      ))}
    </div>
  );
}

export function GraphSkeleton() {
  return (
    <div
      className="flex h-[70vh] min-h-[480px] items-center justify-center rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="skeleton"
    >
      <div className="space-y-6">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="flex items-center gap-4" style={{ marginLeft: (i % 2) * 48 }}>
            <div className={`${pulse} size-3 rounded-full`} />
            <div className={`${pulse} h-10 w-56`} />
          </div>
        ))}
      </div>
    </div>
  );
}

export function PanelSkeleton({ lines = 5 }: { lines?: number }) {
  return (
    <div className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900" data-testid="skeleton">
      {Array.from({ length: lines }, (_, i) => (
        <LineSkeleton key={i} className={i % 2 ? "w-2/3" : "w-full"} />
      ))}
    </div>
  );
}
