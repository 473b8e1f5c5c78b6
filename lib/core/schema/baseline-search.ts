// Which revision a database without (believable) version rows is at: the applied set whose
// expected schema matches the live one best (exact first, then fewest differences).
//
// Replaying and reading a scratch database is what costs, so the search walks one topological
// order of the whole history and reads the schema only at checkpoints, every ~sqrt(N) revisions
// (phase 1). It stops once the objects the live database lacks outnumber the best total seen, at
// two checkpoints running: past that point each further revision only adds what it lacks.
// Between two checkpoints, what the revisions changed is the difference of the two schemas; when
// the live database shows all of it or none of it, the segment is applied or not as a whole.
// Only a segment it shows in part is read revision by revision (phase 2): the one holding the
// answer, or several when one branch of a fork was applied and the other not. From what each
// segment or revision changed, the revisions whose changes the live database shows make one more
// candidate, which need not be a prefix of the order.
import type { RevisionMap } from "../graph/revision-map";
import { diffObjects } from "./diff";
import { flattenSchema, type SchemaObject } from "./flatten";
import { emptySchema, type SchemaModel } from "./model";
import { normaliseSchema } from "./normalise";
import { rowsOfApplied } from "./revision-sets";

export type SchemaLookup = { ok: true; schema: SchemaModel } | { ok: false; message: string; revision: string | null };

export interface BaselineSearchInput {
  map: RevisionMap;
  /** A parents-first order of every revision (revision-sets.ts replayOrder). */
  order: readonly string[];
  live: SchemaModel;
  /**
   * Expected schema after the first `n` revisions of `order`; asked with growing n where possible.
   * Schemas come normalised (introspection's output is), so the search does not do it again.
   */
  schemaAtPrefix(n: number): Promise<SchemaLookup>;
  /** Expected schema of the applied set these rows stand for. */
  schemaAtRows(rows: string[]): Promise<SchemaLookup>;
  /** How many candidates to return (default 5). */
  limit?: number;
}

export interface BaselineCandidate {
  /** The version rows to stamp. */
  rows: string[];
  differences: number;
  missing: number;
  extra: number;
  changed: number;
}

export interface BaselineSearchResult {
  candidates: BaselineCandidate[];
  /** Applied sets whose expected schema was compared. */
  compared: number;
  /** A migration that failed in the scratch database, which ended the search there. */
  failure: { revision: string | null; message: string } | null;
}

interface Evaluation extends BaselineCandidate {
  objects: Map<string, SchemaObject>;
  /** Position in the order; null for a set that is not a prefix. */
  prefix: number | null;
}

export async function searchBaseline(input: BaselineSearchInput): Promise<BaselineSearchResult> {
  const search = new Search(input);
  const step = Math.max(1, Math.ceil(Math.sqrt(input.order.length)));
  await search.checkpoints(step);
  // After a failed replay the prefixes read before it still locate the database.
  await search.refinePartialSegments();
  await search.presenceCandidate();
  return search.result(input.limit ?? 5);
}

type Shown = "all" | "none" | "part";

class Search {
  readonly evaluations = new Map<string, Evaluation>();
  private readonly byPrefix = new Map<number, Evaluation>();
  private readonly liveObjects: Map<string, SchemaObject>;
  failure: BaselineSearchResult["failure"] = null;
  /** The longest prefix that can be replayed (shorter after a failure). */
  private reachable: number;

  constructor(private readonly input: BaselineSearchInput) {
    this.liveObjects = flattenSchema(normaliseSchema(input.live));
    this.reachable = input.order.length;
  }

  /** Phase 1: prefixes 0, step, 2·step, …, N, stopping early as described above. */
  async checkpoints(step: number): Promise<void> {
    let overBest = 0;
    const total = this.input.order.length;
    for (let n = 0; n <= total; n = n === total ? total + 1 : Math.min(n + step, total)) {
      const evaluation = await this.atPrefix(n);
      if (!evaluation) return;
      overBest = evaluation.missing > this.bestPrefix().differences ? overBest + 1 : 0;
      if (overBest >= 2) return;
    }
  }

  /** Phase 2: every prefix inside each segment whose changes the live database shows in part. */
  async refinePartialSegments(): Promise<void> {
    const read = this.readPrefixes();
    for (let i = 1; i < read.length; i++) {
      const [from, to] = [read[i - 1]!, read[i]!];
      if (to - from <= 1 || this.shown(from, to) !== "part") continue;
      for (let n = from + 1; n < to; n++) if (!(await this.atPrefix(n))) return;
    }
  }

  /**
   * The revisions whose changes the live database shows, each only with its parents; a revision
   * that changed nothing (a merge, a data migration) goes with its parents.
   */
  async presenceCandidate(): Promise<void> {
    const read = this.readPrefixes();
    const applied = new Set<string>();
    for (let i = 1; i < read.length; i++) {
      const [from, to] = [read[i - 1]!, read[i]!];
      const shown = this.shown(from, to);
      // One revision shown in part was applied and then changed by hand; a wider segment shown
      // in part could not be read revision by revision (a replay failed), so none of it counts.
      if (shown === "none" || (shown === "part" && to - from > 1)) continue;
      for (const revision of this.input.order.slice(from, to)) {
        if (this.input.map.parentsOf(revision).every((p) => applied.has(p))) applied.add(revision);
      }
    }
    const rows = rowsOfApplied(this.input.map, applied);
    if (this.evaluations.has(rows.join(","))) return;
    const lookup = await this.input.schemaAtRows(rows);
    if (lookup.ok) this.evaluate(rows, lookup.schema, null);
  }

  private readPrefixes(): number[] {
    return [...this.byPrefix.keys()].sort((a, b) => a - b);
  }

  /** How much of what revisions from+1..to changed the live database shows. */
  private shown(from: number, to: number): Shown {
    const before = this.byPrefix.get(from)!.objects;
    const after = this.byPrefix.get(to)!.objects;
    let matches = 0;
    let mismatches = 0;
    const tally = (ok: boolean) => (ok ? matches++ : mismatches++);
    for (const [key, object] of after) {
      if (before.get(key)?.signature !== object.signature) tally(this.liveObjects.get(key)?.signature === object.signature);
    }
    for (const key of before.keys()) if (!after.has(key)) tally(!this.liveObjects.has(key));
    return mismatches === 0 ? "all" : matches === 0 ? "none" : "part";
  }

  private bestPrefix(): Evaluation {
    return [...this.byPrefix.values()].sort(rank)[0]!;
  }

  private async atPrefix(n: number): Promise<Evaluation | null> {
    const known = this.byPrefix.get(n);
    if (known) return known;
    if (n > this.reachable) return null;
    const lookup = n === 0 ? { ok: true as const, schema: emptySchema(this.input.live.dialect, this.input.live.schemas) } : await this.input.schemaAtPrefix(n);
    if (!lookup.ok) {
      this.failure ??= { revision: lookup.revision, message: lookup.message };
      // Prefixes that stop short of the failing revision can still be replayed.
      const failedAt = lookup.revision === null ? -1 : this.input.order.indexOf(lookup.revision);
      this.reachable = Math.min(this.reachable, failedAt >= 0 && failedAt < n ? failedAt : n - 1);
      return null;
    }
    const applied = new Set(this.input.order.slice(0, n));
    const evaluation = this.evaluate(rowsOfApplied(this.input.map, applied), lookup.schema, n);
    this.byPrefix.set(n, evaluation);
    return evaluation;
  }

  private evaluate(rows: string[], schema: SchemaModel, prefix: number | null): Evaluation {
    const objects = flattenSchema(schema);
    const found = diffObjects(objects, this.liveObjects);
    const count = (change: string) => found.filter((d) => d.change === change).length;
    const evaluation: Evaluation = { rows, differences: found.length, missing: count("missing"), extra: count("extra"), changed: count("changed"), objects, prefix };
    if (!this.evaluations.has(rows.join(","))) this.evaluations.set(rows.join(","), evaluation);
    return evaluation;
  }

  result(limit: number): BaselineSearchResult {
    const ranked = [...this.evaluations.values()].sort(rank).slice(0, limit);
    const candidates = ranked.map(({ rows, differences, missing, extra, changed }) => ({ rows, differences, missing, extra, changed }));
    return { candidates, compared: this.evaluations.size, failure: this.failure };
  }
}

/**
 * Fewest differences first. Among equals the later prefix wins: revisions that change no schema
 * (merges, data migrations) cannot be told apart, and after `create_all` the head is what a
 * person means ("alembic stamp head"). A non-prefix set ranks after a prefix with as many.
 */
function rank(a: Evaluation, b: Evaluation): number {
  return a.differences - b.differences || (b.prefix ?? -1) - (a.prefix ?? -1);
}
