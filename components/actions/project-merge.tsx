import type { MergePanelView } from "@/lib/server/forms/merge-action";
import { MergeDialog } from "./merge-dialog";

/** The project page's merge control: nothing for users who may not merge. */
export function ProjectMerge({ view }: { view: MergePanelView | null }) {
  if (!view || !view.visible) return null;
  return <MergeDialog view={view} />;
}
