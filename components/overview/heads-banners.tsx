import Link from "next/link";
import type { ProjectGraphView } from "@/lib/core/view/view-types";
import { RevId } from "@/components/ui/rev-id";

/** A warning per project whose directory has more than one head (`upgrade head` refuses). */
export async function HeadsBanners({ graphs }: { graphs: Promise<ProjectGraphView[]> }) {
  const views = (await graphs).filter((v) => v.heads.length > 1);
  if (views.length === 0) return null;
  return (
    <div className="space-y-3">
      {views.map((view) => (
        <HeadsBanner key={view.project} view={view} />
      ))}
    </div>
  );
}

function HeadsBanner({ view }: { view: ProjectGraphView }) {
  const byId = new Map(view.revisions.map((r) => [r.revision, r]));
  return (
    <div
      role="status"
      data-testid={`heads-banner-${view.project}`}
      className="rounded-xl border border-amber-300/60 bg-amber-50 px-4 py-3 text-sm dark:border-amber-500/30 dark:bg-amber-500/10"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium text-amber-900 dark:text-amber-200">
          {view.project} has {view.heads.length} heads
          <span className="font-normal text-amber-800 dark:text-amber-200">
            {" "}— <code className="font-mono">upgrade head</code> will refuse until they are merged.
          </span>
        </p>
        <Link
          href={`/projects/${encodeURIComponent(view.project)}`}
          className="text-xs font-medium text-amber-900 underline-offset-2 hover:underline dark:text-amber-200"
        >
          Open graph →
        </Link>
      </div>
      <ul className="mt-2 flex flex-col gap-1">
        {view.heads.map((head) => (
          <li key={head} className="flex min-w-0 items-center gap-2" data-testid="banner-head">
            <RevId project={view.project} revision={head} />
            <span className="truncate text-amber-900 dark:text-amber-100">{byId.get(head)?.message}</span>
            {byId.get(head)?.isEffectiveHead && <span className="text-xs text-amber-800 dark:text-amber-200">(effective head)</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
