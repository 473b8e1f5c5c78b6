// The text Alembic's read-only commands print (script/base.py Script.cmd_format and log_entry,
// command.branches), so `retort show|branches|history -v|heads -v` read like `alembic`'s.
import { historyLine } from "../graph/history";
import type { RevisionMap } from "../graph/revision-map";

const comma = (items: readonly string[]) => items.join(", ");

/** Script.log_entry: the verbose block; `path` is the file's absolute path. */
export function verboseBlock(map: RevisionMap, id: string, path: string, opts: { current?: boolean } = {}): string {
  const r = map.get(id);
  if (!r) return "";
  let entry = `Rev: ${id}${r.isHead ? " (head)" : ""}${r.isBranchPoint ? " (branchpoint)" : ""}${r.isMergePoint ? " (mergepoint)" : ""}${opts.current ? " (current)" : ""}\n`;
  const down = r.downRevisions.length === 0 ? "<base>" : comma(map.parentsOf(id, false));
  entry += r.isMergePoint ? `Merges: ${down}\n` : `Parent: ${down}\n`;
  if (r.dependsOn.length > 0) entry += `Also depends on: ${comma(r.dependsOn)}\n`;
  if (r.isBranchPoint) entry += `Branches into: ${comma(r.nextRevisions)}\n`;
  if (r.propagatedLabels.length > 0) entry += `Branch names: ${comma(r.propagatedLabels)}\n`;
  entry += `Path: ${path}\n`;
  // str.splitlines() then "    " + line: blank lines become four spaces.
  const doc = r.longDoc === "" ? [] : r.longDoc.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/);
  return `${entry}\n${doc.map((line) => `    ${line}`).join("\n")}\n`;
}

/** cmd_format(verbose=False, include_branches=True): `<id>[ (labels)][ (head)|(effective head)][ (branchpoint)][ (mergepoint)]`. */
export function shortLine(map: RevisionMap, id: string, opts: { doc?: boolean } = {}): string {
  const r = map.get(id);
  if (!r) return id;
  const labels = r.propagatedLabels.length > 0 ? ` (${comma(r.propagatedLabels)})` : "";
  const head = r.isRealHead ? " (head)" : r.isHead ? " (effective head)" : "";
  const tree = `${r.isBranchPoint ? " (branchpoint)" : ""}${r.isMergePoint ? " (mergepoint)" : ""}`;
  return `${id}${labels}${head}${tree}${opts.doc ? `, ${r.message}` : ""}`;
}

/** `alembic heads` line: `<id>[ (labels)] (head)` or `(effective head)`, no marker for a duplicate's listed non-head; no tree markers. */
export function headsLine(map: RevisionMap, id: string): string {
  const r = map.get(id);
  if (!r) return id;
  const labels = r.propagatedLabels.length > 0 ? ` (${comma(r.propagatedLabels)})` : "";
  return `${id}${labels}${r.isRealHead ? " (head)" : r.isHead ? " (effective head)" : ""}`;
}

/** command.branches: each branch point (history order), then its children indented by the id's width. */
export function branchesText(map: RevisionMap, order: readonly string[], opts: { verbose?: boolean; pathOf?: (id: string) => string } = {}): string {
  let out = "";
  for (const id of order) {
    const r = map.get(id);
    if (!r?.isBranchPoint) continue;
    const head = opts.verbose && opts.pathOf ? verboseBlock(map, id, opts.pathOf(id)) : shortLine(map, id);
    const children = r.nextRevisions.map((child) => `${" ".repeat(id.length)} -> ${shortLine(map, child, { doc: opts.verbose })}`);
    out += `${head}\n${children.join("\n")}\n\n`;
  }
  return out;
}

export { historyLine };
