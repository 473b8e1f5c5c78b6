import Link from "next/link";
import type { EnvironmentView } from "@/lib/core/view/view-types";

/** One sentence on what the status means for this environment and what to do next. */
export function StatusNote({ env }: { env: EnvironmentView }) {
  const envHref = `/environments/${encodeURIComponent(env.name)}`;
  switch (env.status) {
    case "current":
      return <p className="text-xs text-zinc-600 dark:text-zinc-400">At every head. Nothing to apply.</p>;
    case "behind":
      return (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          <Link href={envHref} className="font-medium text-amber-700 hover:underline dark:text-amber-300">
            {env.pending.length} {env.pending.length === 1 ? "revision" : "revisions"} to apply
          </Link>{" "}
          by <code className="font-mono">upgrade heads</code>.
        </p>
      );
    case "unknown-revision":
      return (
        <p className="text-xs text-rose-700 dark:text-rose-400">
          The database is stamped with {env.unknownRows.length === 1 ? "a revision" : "revisions"} missing from the
          directory: {env.unknownRows.join(", ")}.
        </p>
      );
    case "overlapping":
      return <p className="text-xs text-orange-700 dark:text-orange-400">One version row is an ancestor of another; Alembic would refuse to upgrade.</p>;
    case "unversioned":
      return <p className="text-xs text-violet-700 dark:text-violet-300">Tables exist but there is no version table. Stamp it before upgrading.</p>;
    case "empty":
      return <p className="text-xs text-zinc-600 dark:text-zinc-400">No schema yet. An upgrade would start from base.</p>;
    case "unreachable":
      return (
        <p data-testid="unreachable-reason" className="rounded-lg bg-red-50 px-3 py-2 text-xs text-red-700 dark:bg-red-500/10 dark:text-red-400">
          {env.reason ?? "Could not connect."}
        </p>
      );
  }
}
