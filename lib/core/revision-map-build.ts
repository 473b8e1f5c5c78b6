// The steps of RevisionMap._revision_map, each turning what Alembic would crash or warn on into a Problem.
import { closure, cyclicMembers, kahn } from "./traverse";
import type { Problem, ProblemKind, Revision, RevisionSource } from "./types";

const NONE: string[] = [];

export interface Links {
  /** down_revision as written, de-duplicated, without a self reference. */
  writtenDown: Map<string, string[]>;
  /** down_revision entries that exist in the map (edges to missing parents are dropped). */
  versionedDown: Map<string, string[]>;
  resolvedDependencies: Map<string, string[]>;
  nextRevisions: Map<string, string[]>;
  allNextRevisions: Map<string, string[]>;
}

function problem(kind: ProblemKind, message: string, path: string | undefined, revisions: string[], fix?: string): Problem {
  const p: Problem = { kind, message, revisions, severity: "error" };
  if (path !== undefined) p.path = path;
  if (fix) p.fix = fix;
  return p;
}

/** One source per id, at its first load position, holding the last file loaded (Alembic's dict assignment). */
export function takeLastLoaded(sources: RevisionSource[], problems: Problem[]): RevisionSource[] {
  const last = new Map<string, RevisionSource>();
  const repeated = new Map<string, string[]>();
  for (const source of sources) {
    const earlier = last.get(source.revision);
    if (earlier) repeated.set(source.revision, [...(repeated.get(source.revision) ?? [earlier.path]), source.path]);
    last.set(source.revision, source);
  }
  for (const [id, paths] of repeated) {
    const winner = last.get(id)!.path;
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
  return [...last.values()];
}

/** Branch label → declaring revision. A label may not repeat, nor equal a revision id (_map_branch_labels). */
export function mapBranchLabels(loaded: RevisionSource[], problems: Problem[]): Map<string, string> {
  const ids = new Set(loaded.map((s) => s.revision));
  const labels = new Map<string, string>();
  for (const source of loaded) {
    for (const label of new Set(source.branchLabels)) {
      const owner = ids.has(label) ? label : labels.get(label);
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
export function linkRevisions(loaded: RevisionSource[], labels: Map<string, string>, problems: Problem[]): Links {
  const ids = new Set(loaded.map((s) => s.revision));
  const links: Links = {
    writtenDown: new Map(),
    versionedDown: new Map(),
    resolvedDependencies: new Map(),
    nextRevisions: new Map(loaded.map((s) => [s.revision, []])),
    allNextRevisions: new Map(loaded.map((s) => [s.revision, []])),
  };
  for (const source of loaded) {
    const id = source.revision;
    const written = source.downRevisions.length > 1 ? [...new Set(source.downRevisions)] : source.downRevisions;
    if (written.includes(id)) {
      problems.push(problem("self-loop", `Self-loop is detected in revisions (${id})`, source.path, [id], "Remove the revision's own id from its down_revision"));
    }
    links.writtenDown.set(id, written.includes(id) ? written.filter((p) => p !== id) : written);
    const down = linkParents(source, ids, labels, problems);
    const deps = source.dependsOn.length > 0 ? resolveDependencies(source, ids, labels, problems) : NONE;
    links.versionedDown.set(id, down);
    links.resolvedDependencies.set(id, deps);
    for (const p of down) {
      links.nextRevisions.get(p)!.push(id);
      links.allNextRevisions.get(p)!.push(id);
    }
    for (const d of deps) if (!down.includes(d)) links.allNextRevisions.get(d)!.push(id);
  }
  return links;
}

function linkParents(source: RevisionSource, ids: Set<string>, labels: Map<string, string>, problems: Problem[]): string[] {
  const id = source.revision;
  const down: string[] = [];
  for (const parent of source.downRevisions.length > 1 ? new Set(source.downRevisions) : source.downRevisions) {
    if (parent === id) continue;
    if (ids.has(parent)) {
      down.push(parent);
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
  return down;
}

function resolveDependencies(source: RevisionSource, ids: Set<string>, labels: Map<string, string>, problems: Problem[]): string[] {
  const id = source.revision;
  const deps: string[] = [];
  for (const name of new Set(source.dependsOn)) {
    // depends_on names a full id or a branch label; a label means the revision that declares it (§1.3).
    const target = ids.has(name) ? name : labels.get(name);
    if (target === id) {
      problems.push(problem("dependency-self-loop", `Dependency self-loop is detected in revisions (${id})`, source.path, [id], "Remove the revision itself from its depends_on"));
    } else if (target === undefined) {
      const prefixOf = [...ids].filter((k) => k.startsWith(name));
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
    }
  }
  return deps;
}

/**
 * normdeps (§2.3): resolved deps minus those some down-edge ancestor already depends on. Each
 * revision inherits, as a bitset over dependency targets, everything its ancestors depend on.
 */
export function normalizeDependencies(order: string[], links: Links): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const slot = new Map<string, number>();
  for (const deps of links.resolvedDependencies.values()) for (const d of deps) if (!slot.has(d)) slot.set(d, slot.size);
  if (slot.size === 0) {
    for (const id of order) result.set(id, NONE);
    return result;
  }
  const words = (slot.size + 31) >>> 5;
  const has = (bits: Uint32Array | null, d: string) => bits !== null && (bits[slot.get(d)! >>> 5] & (1 << (slot.get(d)! & 31))) !== 0;
  const passedDown = new Map<string, Uint32Array | null>();
  for (const id of order) {
    const parents = links.versionedDown.get(id)!.map((p) => passedDown.get(p) ?? null).filter((b) => b !== null);
    let inherited: Uint32Array | null = parents.length === 1 ? parents[0] : null;
    if (parents.length > 1) {
      inherited = new Uint32Array(words);
      for (const bits of parents) for (let w = 0; w < words; w++) inherited[w] |= bits[w];
    }
    const own = links.resolvedDependencies.get(id)!;
    result.set(id, own.filter((d) => !has(inherited, d)));
    if (own.length === 0) {
      passedDown.set(id, inherited);
      continue;
    }
    const out = inherited ? inherited.slice() : new Uint32Array(words);
    for (const d of own) out[slot.get(d)! >>> 5] |= 1 << (slot.get(d)! & 31);
    passedDown.set(id, out);
  }
  return result;
}

/** Cycles through down edges, then through down and dep edges (§1.6); Alembic stops at the first. */
export function detectCycles(revisions: Revision[], links: Links): Problem[] {
  if (revisions.length === 0) return [];
  const ids = revisions.map((r) => r.revision);
  const allDown = new Map(ids.map((id) => [id, [...links.versionedDown.get(id)!, ...links.resolvedDependencies.get(id)!]]));
  const passes: Array<[ProblemKind, string, (r: Revision) => boolean, (id: string) => readonly string[], (id: string) => readonly string[]]> = [
    ["cycle", "Cycle", (r) => r.isHead, (id) => links.versionedDown.get(id)!, (id) => links.nextRevisions.get(id)!],
    ["dependency-cycle", "Dependency cycle", (r) => r.isRealHead, (id) => allDown.get(id)!, (id) => links.allNextRevisions.get(id)!],
  ];
  for (const [kind, label, isTop, down, up] of passes) {
    // Acyclic: every revision lies between a head and a root, so Alembic's rule lists nothing.
    if (kahn(ids, down).stuck.length === 0) continue;
    const cyclic = alembicCycleList(revisions, ids, isTop, down, up);
    const members = cyclic.length > 0 ? cyclic : cyclicMembers(ids, down, up).sort();
    const unseen = cyclic.length > 0 ? "" : " (Alembic does not detect this loop and fails later)";
    const path = revisions.find((r) => r.revision === members[0])?.path;
    const fix = "Break the loop: one of these revisions must not (indirectly) name itself as a parent";
    return [problem(kind, `${label} is detected in revisions (${members.join(", ")})${unseen}`, path, members, fix)];
  }
  return [];
}

/**
 * _detect_cycles: every revision that is not both reachable down from a head and up from a root
 * (sorted), or all of them in load order when there is no head or no root. Roots are revisions
 * with no existing parent, so a missing parent is reported as such and not as a cycle.
 */
function alembicCycleList(
  revisions: Revision[],
  ids: string[],
  isTop: (r: Revision) => boolean,
  down: (id: string) => readonly string[],
  up: (id: string) => readonly string[],
): string[] {
  const tops = revisions.filter(isTop).map((r) => r.revision);
  const roots = ids.filter((id) => down(id).length === 0);
  if (tops.length === 0 || roots.length === 0) return ids;
  const below = closure(tops, down);
  const above = closure(roots, up);
  return ids.filter((id) => !(below.has(id) && above.has(id))).sort();
}

/**
 * Branch labels (§2.4, RevisionMap._add_branches): a label spreads to every down-edge descendant of
 * its revision; and when those descendants form a plain line, Alembic also walks down from the line's
 * top through revisions that are neither real branch points nor merge points, labelling them too.
 */
/**
 * A revision's inherited labels: its own plus every parent's. Sets are shared, not copied, when
 * one parent already holds them all (the common case in a chain or a merge of a side branch), so
 * long histories with many labels don't allocate a set per revision.
 */
function unionOfLabels(declared: readonly string[], parents: Set<string>[], none: Set<string>): Set<string> {
  let largest = none;
  for (const set of parents) if (set.size > largest.size) largest = set;
  const covered = (set: Set<string>) => set === largest || [...set].every((l) => largest.has(l));
  if (declared.every((l) => largest.has(l)) && parents.every(covered)) return largest;
  const union = new Set(largest);
  for (const l of declared) union.add(l);
  for (const set of parents) if (set !== largest) for (const l of set) union.add(l);
  return union;
}

export function propagateBranchLabels(order: string[], byId: Map<string, Revision>, links: Links): Map<string, string[]> {
  const none = new Set<string>();
  const result = new Map<string, string[]>();
  if (![...byId.values()].some((r) => r.branchLabels.length > 0)) {
    for (const id of order) result.set(id, NONE);
    return result;
  }
  const inherited = new Map<string, Set<string>>();
  for (const id of order) {
    const declared = byId.get(id)!.branchLabels;
    const parents = links.versionedDown.get(id)!.map((p) => inherited.get(p) ?? none);
    inherited.set(id, unionOfLabels(declared, parents, none));
  }
  const passes = (r: Revision) => !r.isRealBranchPoint && !r.isMergePoint;
  const plainAbove = new Map<string, boolean>();
  const walkOut = new Map<string, Set<string>>();
  const sorted = new Map<Set<string>, string[]>();
  for (let k = order.length - 1; k >= 0; k--) {
    const id = order[k];
    const revision = byId.get(id)!;
    const next = revision.nextRevisions;
    const ok = passes(revision);
    plainAbove.set(id, ok && (next.length === 0 || plainAbove.get(next[0]) === true));
    let incoming = ok && next.length === 1 ? walkOut.get(next[0]) ?? none : none;
    if (plainAbove.get(id) && revision.branchLabels.length > 0) incoming = new Set([...incoming, ...revision.branchLabels]);
    walkOut.set(id, ok ? incoming : none);
    let labels = inherited.get(id)!;
    if ([...incoming].some((l) => !labels.has(l))) labels = new Set([...labels, ...incoming]);
    if (!sorted.has(labels)) sorted.set(labels, [...labels].sort());
    result.set(id, sorted.get(labels)!);
  }
  return result;
}
