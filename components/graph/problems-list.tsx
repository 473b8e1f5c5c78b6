import Link from "next/link";
import type { Problem } from "@/lib/core/types";

/** Load-time problems, each pointing at its file and revisions; the graph still renders below. */
export function ProblemsList({ project, problems }: { project: string; problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <section
      data-testid="problems"
      className="overflow-hidden rounded-xl border border-rose-200 bg-rose-50/60 dark:border-rose-500/30 dark:bg-rose-500/10"
    >
      <h2 className="border-b border-rose-200 px-4 py-2.5 text-sm font-semibold text-rose-800 dark:border-rose-500/30 dark:text-rose-300">
        {problems.length} {problems.length === 1 ? "problem" : "problems"} found while loading the directory
      </h2>
      <ul className="divide-y divide-rose-100 dark:divide-rose-500/20">
        {problems.map((problem, i) => (
          <li key={i} className="px-4 py-2.5 text-sm" data-testid="problem" data-kind={problem.kind} data-severity={problem.severity ?? "error"}>
            <div className="flex flex-wrap items-baseline gap-x-2">
              <span className="rounded bg-rose-100 px-1.5 font-mono text-[11px] text-rose-800 dark:bg-rose-500/20 dark:text-rose-200">
                {problem.kind}
              </span>
              {problem.severity === "warning" && <span className="text-xs font-medium text-amber-700 dark:text-amber-400">warning</span>}
              <span className="text-zinc-800 dark:text-zinc-200">{problem.message}</span>
            </div>
            <div className="mt-1 flex flex-wrap gap-x-3 text-xs text-zinc-500">
              {problem.path && (
                <code className="font-mono">
                  {problem.path}
                  {problem.line ? `:${problem.line}` : ""}
                </code>
              )}
              {problem.revisions?.map((rev) => (
                <Link key={rev} href={`/projects/${encodeURIComponent(project)}?q=${encodeURIComponent(rev)}`} className="font-mono hover:underline">
                  {rev.slice(0, 12)}
                </Link>
              ))}
              {problem.fix && <span>{problem.fix}</span>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
