// Identifier resolution (alembic-semantics §3): RevisionMap._resolve_revision_number,
// _revision_for_ident, get_revisions, filter_for_lineage and _walk.
import { cantLocate, multipleHeads, RevisionError, toResult } from "../errors";
import type { RevisionMap } from "../graph/revision-map";
import type { Result } from "../types";

/** `label@` prefix split at the first `@`; an empty label counts as none (Python's falsy ""). */
export function splitLabel(ident: string): { label: string | null; rest: string } {
  const at = ident.indexOf("@");
  if (at < 0) return { label: null, rest: ident };
  return { label: ident.slice(0, at) || null, rest: ident.slice(at + 1) };
}

function exactKey(map: RevisionMap, key: string): string | undefined {
  return map.byId.has(key) ? key : map.labels.get(key);
}

function unknownIdentHint(map: RevisionMap, ident: string): string {
  const short = map.keys.filter((k) => k.length <= 3 && k.startsWith(ident));
  const base = `no revision id or branch label starts with '${ident}'`;
  return short.length > 0 ? `${base}; keys of 3 characters or fewer, like '${short[0]}', only match exactly` : base;
}

/** Exact key (id or label), else a unique prefix of a key longer than 3 characters (§3.3). */
function lookupIdent(map: RevisionMap, ident: string, branch: { label: string; revision: string } | null): string {
  if (ident === "") throw cantLocate("unknown-revision", ident, "an empty string is not a revision; use 'base'");
  const exact = exactKey(map, ident);
  if (exact !== undefined) return exact;
  let matches = map.keys.filter((k) => k.length > 3 && k.startsWith(ident));
  if (branch) {
    const lineage = lineageOf(map, [branch.revision], false);
    matches = matches.filter((k) => lineage.has(exactKey(map, k)!));
  }
  if (matches.length === 0) throw cantLocate("unknown-revision", ident, unknownIdentHint(map, ident));
  if (matches.length > 1) {
    const shown = matches.slice(0, 3).map((k) => `'${k}'`).join(", ");
    const hint = `${matches.length} revisions or labels start with '${ident}': ${shown}${matches.length > 3 ? ", ..." : ""}; type more characters`;
    throw cantLocate("ambiguous-revision", ident, hint, matches.map((k) => exactKey(map, k)!));
  }
  return exactKey(map, matches[0])!;
}

/** _resolve_branch: a label, or any revision id (full or partial) standing for its lineage. */
export function resolveBranch(map: RevisionMap, label: string): string {
  const exact = exactKey(map, label);
  if (exact !== undefined) return exact;
  try {
    return lookupIdent(map, label, null);
  } catch (error) {
    if (error instanceof RevisionError) throw cantLocate("no-such-branch", label, `no such branch: '${label}'`);
    throw error;
  }
}

/** _revision_for_ident: resolve one id token, checking membership of `label`'s branch if given. */
export function revisionForIdent(map: RevisionMap, ident: string, label: string | null = null): string {
  const branch = label ? { label, revision: resolveBranch(map, label) } : null;
  const revision = lookupIdent(map, ident, branch);
  if (branch && !lineageOf(map, [branch.revision], false).has(revision)) {
    throw cantLocate("not-a-member", ident, `revision ${revision} is not a member of branch '${label}'`, [revision]);
  }
  return revision;
}

/** `ids` plus their ancestors and descendants: "shares lineage" is symmetric (§3.5). */
export function lineageOf(map: RevisionMap, ids: string[], includeDependencies: boolean): Set<string> {
  const opts = { includeDependencies };
  const lineage = map.ancestors(ids, opts);
  for (const id of map.descendants(ids, opts)) lineage.add(id);
  return lineage;
}

/** _resolve_revision_number: symbols head / heads / base, with an optional label. */
export function resolveRevisionNumber(map: RevisionMap, ident: string): { ids: string[]; label: string | null } {
  const { label, rest } = splitLabel(ident);
  if (rest === "heads") return { ids: label ? filterForLineage(map, map.heads, label) : [...map.realHeads], label };
  if (rest === "head") {
    const head = currentHead(map, label);
    return { ids: head === null ? [] : [head], label };
  }
  if (rest === "base") return { ids: [], label };
  return { ids: [rest], label };
}

/** get_current_head: the single versioned head (in `label`'s lineage), or MultipleHeads. */
export function currentHead(map: RevisionMap, label: string | null = null): string | null {
  const heads = label ? filterForLineage(map, map.heads, label) : map.heads;
  if (heads.length > 1) throw multipleHeads([...heads], label ? `${label}@head` : "head");
  return heads[0] ?? null;
}

/** filter_for_lineage: keep the `targets` related to what `checkAgainst` names. */
export function filterForLineage(map: RevisionMap, targets: readonly string[], checkAgainst: string, includeDependencies = false): string[] {
  const { ids, label } = resolveRevisionNumber(map, checkAgainst);
  const shares = label ? [label, ...ids] : ids;
  if (shares.length === 0 || targets.length === 0) return [...targets];
  const lineage = lineageOf(map, shares.map((s) => revisionForIdent(map, s)), includeDependencies);
  return targets.filter((t) => lineage.has(exactKey(map, t) ?? revisionForIdent(map, t)));
}

/** get_revisions(ident): what a single argument names; "base" names nothing. */
export function resolveTargets(map: RevisionMap, ident: string): string[] {
  const { ids, label } = resolveRevisionNumber(map, ident);
  if (ids.length === 1 && /^\s*[+-]?\d+\s*$/.test(ids[0]) && Number.parseInt(ids[0], 10) < 0) {
    // `label@-N` outside upgrade/downgrade: walk down N from each real head carrying the label.
    const steps = Number.parseInt(ids[0], 10);
    const heads = map.realHeads.filter((h) => label === null || map.get(h)!.propagatedLabels.includes(label));
    return heads.flatMap((h) => {
      const end = walk(map, h, steps, null);
      return end.kind === "revision" ? [end.id] : [];
    });
  }
  return ids.map((id) => revisionForIdent(map, id, label));
}

export function resolveTargetsResult(map: RevisionMap, ident: string): Result<string[]> {
  return toResult(() => resolveTargets(map, ident));
}

/** get_revision(ident): at most one revision; null means base. */
export function resolveSingle(map: RevisionMap, ident: string): string | null {
  const { ids, label } = resolveRevisionNumber(map, ident);
  if (ids.length > 1) throw multipleHeads(ids, ident);
  if (ids.length === 0) {
    if (label) resolveBranch(map, label);
    return null;
  }
  return revisionForIdent(map, ids[0], label);
}

/** Rows of the version table are matched exactly: a row Alembic cannot use as-is is unknown. */
export function resolveRows(map: RevisionMap, rows: readonly string[]): string[] {
  for (const row of rows) {
    if (!map.byId.has(row)) {
      throw cantLocate("unknown-revision", row, "the version table holds a revision that is not in the migration directory", [row]);
    }
  }
  return [...rows];
}

/** Where a relative walk ends: a revision, just below the bottom (Alembic's "base"), or off the graph. */
export type WalkEnd = { kind: "revision"; id: string } | { kind: "base" } | { kind: "off-graph" };

/**
 * _walk: up needs exactly one child (nextrev, filtered by label lineage), down exactly one
 * down_revision. `start` null means "below everything" going up, "from the heads" going down.
 */
export function walk(map: RevisionMap, start: string | null, steps: number, label: string | null): WalkEnd {
  let at = start;
  let belowBase = false;
  for (let n = 0; n < Math.abs(steps); n++) {
    let options: readonly string[];
    if (steps > 0) {
      const up = at === null ? map.bases : map.childrenOf(at, false);
      options = label ? filterForLineage(map, up, label) : up;
    } else if (belowBase) {
      options = [];
    } else {
      options = at === null ? map.heads : map.parentsOf(at, false);
      if (options.length === 0) {
        belowBase = true;
        continue;
      }
    }
    if (options.length === 0) return { kind: "off-graph" };
    if (options.length > 1) throw new RevisionError("ambiguous-walk", "Ambiguous walk", [...options]);
    at = options[0];
  }
  if (belowBase) return { kind: "base" };
  return at === null ? { kind: "off-graph" } : { kind: "revision", id: at };
}

