// The steps of RevisionMap._revision_map, each turning what Alembic would crash or warn on into a Problem.
import { RowsBuilder, type Rows } from "./slot-graph";
import type { Problem, ProblemKind, RevisionSource } from "../types";

export const NONE: string[] = [];

/** The links of each revision, indexed by its slot (load position, as in `ids`). */
export interface Links {
  ids: string[];
  slot: Map<string, number>;
  /** down_revision as written, de-duplicated, without a self reference. */
  writtenDown: string[][];
  /** down_revision entries that exist in the map (edges to missing parents are dropped). */
  versionedDown: string[][];
  resolvedDependencies: string[][];
  nextRevisions: string[][];
  allNextRevisions: string[][];
  /** Slot of nextRevisions[0], or -1 for a head. */
  firstChild: Int32Array;
  /** versionedDown and resolvedDependencies as slots. */
  down: Rows;
  deps: Rows;
}

export function problem(kind: ProblemKind, message: string, path: string | undefined, revisions: string[], fix?: string): Problem {
  const p: Problem = { kind, message, revisions, severity: "error" };
  if (path !== undefined) p.path = path;
  if (fix) p.fix = fix;
  return p;
}

/**
 * One source per id, at its first load position, holding the last file loaded (Alembic's dict
 * assignment); `slot` gives each id's position in `loaded`.
 */
export function takeLastLoaded(sources: RevisionSource[], problems: Problem[]): { loaded: RevisionSource[]; slot: Map<string, number>; duplicates: Map<string, number> } {
  const loaded: RevisionSource[] = [];
  const slot = new Map<string, number>();
  const repeated = new Map<string, string[]>();
  for (const source of sources) {
    const at = slot.get(source.revision);
    if (at === undefined) {
      slot.set(source.revision, loaded.length);
      loaded.push(source);
      continue;
    }
    repeated.set(source.revision, [...(repeated.get(source.revision) ?? [loaded[at].path]), source.path]);
    loaded[at] = source;
  }
  const duplicates = new Map<string, number>();
  for (const [id, paths] of repeated) {
    duplicates.set(id, paths.length - 1);
    const winner = loaded[slot.get(id)!].path;
    problems.push(
      problem(
        "duplicate-revision",
        `Revision ${id} is present more than once (${paths.join(", ")}); Alembic only warns and uses the last one loaded (${winner}), which corrupts heads and history`,
        winner,
        [id],
        "Give each file its own revision id, and point the children's down_revision at the right one",
      ),
    );
  }
  return { loaded, slot, duplicates };
}

/** `list` without repeats, first occurrence kept; `list` itself when it has none (the usual case). */
function unique(list: string[]): string[] {
  return list.length > 1 && new Set(list).size < list.length ? [...new Set(list)] : list;
}

/** Branch label → declaring revision. A label may not repeat, nor equal a revision id (_map_branch_labels). */
export function mapBranchLabels(loaded: RevisionSource[], slot: Map<string, number>, problems: Problem[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const source of loaded) {
    for (const label of unique(source.branchLabels)) {
      const owner = slot.has(label) ? label : labels.get(label);
      if (owner === undefined) {
        labels.set(label, source.revision);
        continue;
      }
      problems.push(
        problem(
          "duplicate-label",
          `Branch name '${label}' in revision ${source.revision} already used by revision ${owner}`,
          source.path,
          [source.revision, owner],
          "Rename one of the branch labels",
        ),
      );
    }
  }
  return labels;
}

/** Parent and child links; self references and unknown names become problems and are dropped. */
export function linkRevisions(loaded: RevisionSource[], slot: Map<string, number>, labels: Map<string, string>, problems: Problem[]): Links {
  const count = loaded.length;
  const ids = loaded.map((s) => s.revision);
  const down = new RowsBuilder(count);
  const deps = new RowsBuilder(count);
  const next = new Array<string[]>(count).fill(NONE);
  const allNext = new Array<string[]>(count).fill(NONE);
  const firstChild = new Int32Array(count).fill(-1);
  const links: Links = { ids, slot, writtenDown: [], versionedDown: [], resolvedDependencies: [], nextRevisions: next, allNextRevisions: allNext,
    firstChild, down, deps };
  for (let i = 0; i < count; i++) {
    const source = loaded[i];
    const id = ids[i];
    const written = unique(source.downRevisions);
    if (written.includes(id)) {
      problems.push(problem("self-loop", `Self-loop is detected in revisions (${id})`, source.path, [id], "Remove the revision's own id from its down_revision"));
    }
    links.writtenDown.push(written.includes(id) ? written.filter((p) => p !== id) : written);
    const from = down.to.length;
    links.versionedDown.push(linkParents(source, written, slot, labels, down, problems));
    links.resolvedDependencies.push(source.dependsOn.length > 0 ? resolveDependencies(source, links, labels, deps, problems) : NONE);
    down.endRow();
    deps.endRow();
    // Children arrays start shared (NONE, then next === allNext) and split only when they differ.
    for (let e = from; e < down.to.length; e++) {
      const p = down.to[e];
      const shared = allNext[p] === next[p];
      if (next[p] === NONE) {
        next[p] = [id];
        firstChild[p] = i;
      } else {
        next[p].push(id);
      }
      if (shared) allNext[p] = next[p];
      else allNext[p].push(id);
    }
    for (let e = deps.start[i]; e < deps.to.length; e++) {
      const d = deps.to[e];
      if (links.versionedDown[i].includes(ids[d])) continue;
      if (allNext[d] === next[d]) allNext[d] = [...next[d], id];
      else allNext[d].push(id);
    }
  }
  return links;
}

/** The existing parents among `written` (down_revision de-duplicated); their slots go to `rows`. */
function linkParents(source: RevisionSource, written: string[], slot: Map<string, number>, labels: Map<string, string>, rows: RowsBuilder, problems: Problem[]): string[] {
  const id = source.revision;
  const down: string[] = [];
  for (const parent of written) {
    if (parent === id) continue;
    const j = slot.get(parent);
    if (j !== undefined) {
      down.push(parent);
      rows.push(j);
      continue;
    }
    const hint = labels.has(parent)
      ? `'${parent}' is a branch label; down_revision must name revision ids`
      : `no revision file declares '${parent}'`;
    problems.push(
      problem(
        "missing-parent",
        `Revision ${parent} referenced from ${id} is not present (${hint}); Alembic fails with KeyError: '${parent}' on every command`,
        source.path,
        [id],
        "Restore the missing revision file, or point down_revision at an existing revision",
      ),
    );
  }
  // Every parent exists (the usual case): share the written array.
  return down.length === written.length ? written : down;
}

function resolveDependencies(source: RevisionSource, links: Links, labels: Map<string, string>, rows: RowsBuilder, problems: Problem[]): string[] {
  const id = source.revision;
  const deps: string[] = [];
  for (const name of unique(source.dependsOn)) {
    // depends_on names a full id or a branch label; a label means the revision that declares it (§1.3).
    const target = links.slot.has(name) ? name : labels.get(name);
    if (target === id) {
      problems.push(problem("dependency-self-loop", `Dependency self-loop is detected in revisions (${id})`, source.path, [id], "Remove the revision itself from its depends_on"));
    } else if (target === undefined) {
      const prefixOf = links.ids.filter((k) => k.startsWith(name));
      const hint = prefixOf.length === 1 ? `; partial ids are not accepted here, did you mean '${prefixOf[0]}'?` : "";
      problems.push(
        problem(
          "unknown-dependency",
          `Revision ${id} depends on '${name}', which is neither a revision id nor a branch label${hint} (Alembic fails with KeyError: '${name}')`,
          source.path,
          [id],
          "depends_on must list full revision ids or branch labels",
        ),
      );
    } else if (!deps.includes(target)) {
      deps.push(target);
      rows.push(links.slot.get(target)!);
    }
  }
  return deps;
}
