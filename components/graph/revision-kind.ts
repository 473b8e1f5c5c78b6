import type { RevisionNodeView } from "@/lib/core/view/view-types";
import type { ChipTone } from "@/components/ui/chip";

/** Structural roles of a revision, most telling first; shared by nodes, legend and detail page. */
export function revisionRoles(r: RevisionNodeView): Array<{ key: string; label: string; tone: ChipTone }> {
  const roles: Array<{ key: string; label: string; tone: ChipTone }> = [];
  if (r.isEffectiveHead) roles.push({ key: "effective-head", label: "effective head", tone: "blue" });
  else if (r.isHead) roles.push({ key: "head", label: "head", tone: "blue" });
  if (r.isMergePoint) roles.push({ key: "merge", label: "merge", tone: "indigo" });
  if (r.isBranchPoint) roles.push({ key: "branch", label: "branch point", tone: "purple" });
  if (r.isBase) roles.push({ key: "base", label: "base", tone: "teal" });
  return roles;
}

/** Left accent colour of a node: the strongest role wins. */
export function accentOf(r: RevisionNodeView): string {
  if (r.isHead) return "bg-sky-500";
  if (r.isMergePoint) return "bg-indigo-500";
  if (r.isBranchPoint) return "bg-fuchsia-500";
  if (r.isBase) return "bg-teal-500";
  return "bg-zinc-300 dark:bg-zinc-600";
}
