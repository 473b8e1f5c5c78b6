// A revision id as the graph shows it: Alembic's hex ids shortened to 12 characters (as `git log`
// does), any other id (e.g. "0001_initial") in full, cut with an ellipsis only when it does not
// fit, with the whole id in a tooltip.
const HEX = /^[0-9a-f]+$/i;

export function RevisionId({ id, className = "" }: { id: string; className?: string }) {
  if (HEX.test(id)) return <code className={`shrink-0 font-mono ${className}`}>{id.slice(0, 12)}</code>;
  return (
    <code className={`min-w-0 shrink truncate font-mono ${className}`} title={id} data-testid="full-revision-id">
      {id}
    </code>
  );
}
