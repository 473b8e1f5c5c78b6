// A time as people read it, with its zone said (UTC, the same on every server and in every
// export), and the exact instant machine-readable in `dateTime`.
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function Timestamp({ iso, className }: { iso: string; className?: string }) {
  return (
    <time dateTime={iso} title={iso} className={className}>
      {formatUtc(iso)}
    </time>
  );
}
