import Link from "next/link";

/**
 * A revision id in mono type, shortened like `git log --oneline`; links to its page. A `missing`
 * id (in a database, not in the directory) is drawn in red and links to the page that says so.
 */
export function RevId({ project, revision, full = false, missing = false }: { project?: string; revision: string; full?: boolean; missing?: boolean }) {
  const text = full ? revision : revision.slice(0, 12);
  const tone = missing
    ? "bg-rose-100 text-rose-900 hover:bg-rose-200 dark:bg-rose-500/15 dark:text-rose-200 dark:hover:bg-rose-500/25"
    : "bg-zinc-100 text-zinc-800 hover:bg-zinc-200 dark:bg-zinc-800 dark:text-zinc-200 dark:hover:bg-zinc-700";
  const className = `rounded px-1.5 py-0.5 font-mono text-[0.8em] ${tone}`;
  if (!project) return <code className={className} title={revision}>{text}</code>;
  return (
    <Link
      href={`/projects/${encodeURIComponent(project)}/revisions/${encodeURIComponent(revision)}`}
      className={`${className} hover:underline`}
      title={missing ? `${revision} (not in the directory)` : revision}
      data-missing={missing || undefined}
    >
      {text}
    </Link>
  );
}
