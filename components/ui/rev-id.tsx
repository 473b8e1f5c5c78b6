import Link from "next/link";

/** A revision id in mono type, shortened like `git log --oneline`; links to its page. */
export function RevId({ project, revision, full = false }: { project?: string; revision: string; full?: boolean }) {
  const text = full ? revision : revision.slice(0, 12);
  const className =
    "rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[0.8em] text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200";
  if (!project) return <code className={className} title={revision}>{text}</code>;
  return (
    <Link
      href={`/projects/${encodeURIComponent(project)}/revisions/${encodeURIComponent(revision)}`}
      className={`${className} hover:bg-zinc-200 hover:underline dark:hover:bg-zinc-700`}
      title={revision}
    >
      {text}
    </Link>
  );
}
