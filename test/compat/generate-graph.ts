/** A seeded random revision DAG: linear runs, branch points, merges, several bases, deps, labels. */
import type { Rng } from "./prng";

export interface GraphOptions {
  /** Upper bound on root revisions (default 3). */
  maxBases?: number;
  /** Chance that a revision starts another root while bases remain (default 0.04). */
  baseRate?: number;
  /** Chance that a revision branches off an older, non-head revision (default 0.1). */
  branchRate?: number;
  /** Chance that a revision merges 2–3 heads (default 0.08); forced above maxOpenHeads. */
  mergeRate?: number;
  maxOpenHeads?: number;
  /** Chance that a revision gets depends_on (default 0.1). */
  dependsOnRate?: number;
  /** Chance that a revision declares a branch label (default 0.08; higher on bases and branch starts). */
  labelRate?: number;
  /** Chance of a short human id such as `users_email` instead of 12 hex digits (default 0.12). */
  humanIdRate?: number;
  /** Chance that a hex revision is a legacy file without a `revision` variable (default 0.05). */
  legacyFileRate?: number;
}

export interface GraphNode {
  revision: string;
  /** `down_revision` as full ids, in written order; empty for a base. */
  downRevisions: string[];
  /** `depends_on` as written: full ids or branch labels. */
  dependsOn: string[];
  /** `depends_on` resolved to ids (a label stands for the revision that declares it). */
  dependencyIds: string[];
  branchLabels: string[];
  message: string;
  /** No `revision` variable: Alembic takes the id from the hex filename (its legacy rule). */
  legacy: boolean;
}

const WORDS = ["users", "orders", "billing", "invoice", "account", "email", "audit", "report", "search",
  "tenant", "session", "payment", "catalog", "shipping", "profile", "inventory", "webhook", "metrics"];
const VERBS = ["add", "drop", "alter", "index", "rename", "backfill", "create", "split"];
const RESERVED = new Set(["head", "heads", "base", "current"]);

export function generateGraph(rng: Rng, size: number, options: GraphOptions = {}): GraphNode[] {
  const o = { maxBases: 3, baseRate: 0.04, branchRate: 0.1, mergeRate: 0.08, maxOpenHeads: 6,
    dependsOnRate: 0.1, labelRate: 0.08, humanIdRate: 0.12, legacyFileRate: 0.05, ...options };
  const nodes: GraphNode[] = [];
  const byId = new Map<string, GraphNode>();
  const keys = new Set<string>(); // revision ids and labels share Alembic's lookup namespace
  const labelOwner = new Map<string, string>();
  const heads: string[] = [];
  let bases = 0;
  let last: string | null = null;

  const ancestors = (start: readonly string[]): Set<string> => {
    const seen = new Set<string>();
    const stack = [...start];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const n = byId.get(id)!;
      stack.push(...n.downRevisions, ...n.dependencyIds);
    }
    return seen;
  };

  const newId = (): string => {
    for (;;) {
      const id = rng.chance(o.humanIdRate) ? humanId(rng) : hexId(rng, 12);
      if (!keys.has(id) && !RESERVED.has(id)) return id;
    }
  };

  const pickMergeParents = (): string[] | null => {
    const wanted = heads.length >= 3 && rng.chance(0.3) ? 3 : 2;
    const chosen: string[] = [];
    const below = new Set<string>();
    for (const h of rng.sample(heads, heads.length)) {
      const mine = ancestors([h]);
      if (below.has(h) || chosen.some((c) => mine.has(c))) continue;
      chosen.push(h);
      for (const a of mine) below.add(a);
      if (chosen.length === wanted) break;
    }
    return chosen.length >= 2 ? chosen : null;
  };

  for (let i = 0; i < size; i++) {
    let down: string[] = [];
    let kind: "base" | "merge" | "branch" | "chain" = "chain";
    const roll = rng.next();
    const mustMerge = heads.length > o.maxOpenHeads;
    if (i === 0 || (!mustMerge && bases < o.maxBases && roll < o.baseRate)) kind = "base";
    else if (mustMerge || (heads.length >= 2 && roll < o.baseRate + o.mergeRate)) kind = "merge";
    else if (roll < o.baseRate + o.mergeRate + o.branchRate) kind = "branch";
    if (kind === "merge") {
      const parents = pickMergeParents();
      if (parents) down = parents;
      else kind = "chain";
    }
    if (kind === "branch") {
      const inner = nodes.filter((n) => !heads.includes(n.revision));
      if (inner.length > 0) down = [rng.pick(inner.slice(-40)).revision];
      else kind = "chain";
    }
    if (kind === "chain") down = [last !== null && heads.includes(last) && rng.chance(0.75) ? last : rng.pick(heads)];
    if (kind === "base") bases++;

    const id = newId();
    const node: GraphNode = { revision: id, downRevisions: down, dependsOn: [], dependencyIds: [],
      branchLabels: [], message: kind === "merge" ? "merge heads" : message(rng), legacy: false };
    if (i > 0 && rng.chance(o.dependsOnRate)) addDependencies(rng, node, nodes, ancestors(down), labelOwner, ancestors);
    const labelChance = kind === "base" || kind === "branch" ? o.labelRate * 3 : o.labelRate;
    if (rng.chance(labelChance)) {
      const label = newLabel(rng, keys);
      node.branchLabels.push(label);
      labelOwner.set(label, id);
      keys.add(label);
    }
    node.legacy = /^[0-9a-f]+$/.test(id) && rng.chance(o.legacyFileRate);
    keys.add(id);
    byId.set(id, node);
    nodes.push(node);
    for (const p of down) {
      const at = heads.indexOf(p);
      if (at >= 0) heads.splice(at, 1);
    }
    heads.push(id);
    last = id;
  }
  return nodes;
}

/** depends_on to revisions outside the new revision's ancestry, sometimes by branch label. */
function addDependencies(rng: Rng, node: GraphNode, nodes: readonly GraphNode[], below: Set<string>,
  labelOwner: ReadonlyMap<string, string>, ancestorsOf: (ids: string[]) => Set<string>): void {
  // Depending on the own parent is legal and normalised away by Alembic (semantics §10.35).
  if (node.downRevisions.length === 1 && rng.chance(0.05)) {
    node.dependsOn.push(node.downRevisions[0]!);
    node.dependencyIds.push(node.downRevisions[0]!);
    return;
  }
  // Targets are unrelated to each other: a dep on X and on X's ancestor makes Alembic's
  // HeadMaintainer crash (KeyError), which real projects would notice at once.
  const candidates = nodes.filter((n) => !below.has(n.revision));
  const targets: GraphNode[] = [];
  for (const target of rng.sample(candidates, rng.chance(0.25) ? 2 : 1)) {
    if (targets.length === 0 || !related(target.revision, targets[0]!.revision, ancestorsOf)) targets.push(target);
  }
  for (const target of targets) {
    const label = target.branchLabels[0];
    node.dependsOn.push(label !== undefined && labelOwner.get(label) === target.revision && rng.chance(0.5)
      ? label : target.revision);
    node.dependencyIds.push(target.revision);
  }
}

function related(a: string, b: string, ancestorsOf: (ids: string[]) => Set<string>): boolean {
  return ancestorsOf([a]).has(b) || ancestorsOf([b]).has(a);
}

export function hexId(rng: Rng, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += "0123456789abcdef"[rng.int(0, 15)];
  return s;
}

/** Short human ids; some extend others ("users" → "users_email"), which must not confuse lookups. */
function humanId(rng: Rng): string {
  const word = rng.pick(WORDS);
  const r = rng.next();
  if (r < 0.3) return word;
  if (r < 0.7) return `${word}_${rng.pick(WORDS)}`;
  return `${word}${rng.int(1, 99)}`;
}

function newLabel(rng: Rng, keys: ReadonlySet<string>): string {
  for (;;) {
    const label = `${rng.pick(WORDS)}_${rng.pick(["lib", "branch", "feature", "line"])}${rng.chance(0.5) ? rng.int(1, 9) : ""}`;
    if (!keys.has(label)) return label;
  }
}

function message(rng: Rng): string {
  const m = `${rng.pick(VERBS)} ${rng.pick(WORDS)} ${rng.pick(["table", "column", "index", "constraint"])}`;
  return rng.chance(0.1) ? `${m}, with "quotes" & é` : m;
}
