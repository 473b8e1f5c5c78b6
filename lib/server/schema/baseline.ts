import "server-only";
import { type BaselineCandidate, type SchemaLookup, searchBaseline } from "../../core/schema/baseline-search";
import { compareSchemas, type SchemaDifference } from "../../core/schema/diff";
import type { SchemaModel } from "../../core/schema/model";
import { replayOrder } from "../../core/schema/revision-sets";
import { type ExpectedContext, expectedKey, expectedSchemaAt } from "./expected";
import { revisionDigests, sha256 } from "./file-digests";
import { emptyStats, type ReplayFailure, type ReplayStats, ScratchReplay } from "./replay";
import { type SchemaCache, sharedSchemaCache } from "./schema-cache";

// The baseline of a database with tables but no version rows Retort can use: lib/core's search,
// fed by one scratch database that moves forward along the replay order (and starts over from
// base only when the search asks for an earlier prefix), every schema read kept in the cache.

export interface BaselineCandidateReport extends BaselineCandidate {
  /** The rows as one argument list for `retort stamp`. */
  revision: string;
  /** What differs between this revision's expected schema and the live one. */
  changes: SchemaDifference[];
}

export interface BaselineReport {
  candidates: BaselineCandidateReport[];
  /** A migration that failed in the scratch database, which ended the search there. */
  failure: { revision: string | null; message: string } | null;
  stats: ReplayStats & { compared: number; cacheHits: number; durationMs: number; fromCache: boolean };
}

// The same live schema against the same files gives the same answer: a second look (a page
// reload) returns it at once instead of comparing every checkpoint again. Kept beside the
// schema cache it was computed from, in memory only.
const answersByCache = new WeakMap<SchemaCache, Map<string, BaselineReport>>();
const ANSWERS_KEPT = 20;

export async function findBaseline(options: ExpectedContext & { live: SchemaModel; limit?: number }): Promise<BaselineReport> {
  const startedAt = performance.now();
  const stats = options.stats ?? emptyStats();
  const context: ExpectedContext = { ...options, stats, cache: options.cache ?? sharedSchemaCache() };
  const order = replayOrder(options.project.map);
  const key = sha256(JSON.stringify([await expectedKey(context, new Set(order)), options.limit ?? 5, options.live]));
  const answers = answersByCache.get(context.cache!) ?? new Map<string, BaselineReport>();
  answersByCache.set(context.cache!, answers);
  const known = answers.get(key);
  if (known) return { ...known, stats: { ...known.stats, durationMs: performance.now() - startedAt, fromCache: true } };
  const report = await search(context, order, options, startedAt);
  // Only complete answers: a failure may be the scratch server's, and pass.
  if (!report.failure) {
    answers.set(key, report);
    if (answers.size > ANSWERS_KEPT) answers.delete(answers.keys().next().value!);
  }
  return report;
}

async function search(context: ExpectedContext, order: string[], options: { live: SchemaModel; limit?: number; project: ExpectedContext["project"] }, startedAt: number): Promise<BaselineReport> {
  const stats = context.stats!;
  const replayer = new PrefixReplayer(context, order);
  try {
    const result = await searchBaseline({
      map: options.project.map,
      order,
      live: options.live,
      schemaAtPrefix: (n) => replayer.at(n),
      schemaAtRows: async (rows) => (replayer.fatal ? { ok: false, message: replayer.fatal.message, revision: null } : lookup(await expectedSchemaAt(context, rows), replayer)),
      limit: options.limit,
    });
    // Without a scratch database (or an Alembic to run) nothing was compared: no candidates to offer.
    if (replayer.fatal) return { candidates: [], failure: { revision: null, message: replayer.fatal.message }, stats: { ...stats, compared: 0, cacheHits: 0, durationMs: performance.now() - startedAt, fromCache: false } };
    const candidates: BaselineCandidateReport[] = [];
    for (const candidate of result.candidates) {
      const expected = await expectedSchemaAt(context, candidate.rows);
      const changes = expected.ok ? compareSchemas(expected.schema, options.live).differences : [];
      candidates.push({ ...candidate, revision: candidate.rows.join(" "), changes });
    }
    return { candidates, failure: result.failure, stats: { ...stats, compared: result.compared, cacheHits: replayer.cacheHits, durationMs: performance.now() - startedAt, fromCache: false } };
  } finally {
    await replayer.close();
  }
}

function lookup(result: Awaited<ReturnType<typeof expectedSchemaAt>>, replayer: PrefixReplayer): SchemaLookup {
  if (result.ok && result.fromCache) replayer.cacheHits++;
  return result.ok ? { ok: true, schema: result.schema } : { ok: false, message: result.message, revision: result.revision };
}

class PrefixReplayer {
  private replay: ScratchReplay | null = null;
  private position = 0;
  cacheHits = 0;
  /** Why no scratch replay can be had at all; asked once, then given back at once. */
  fatal: ReplayFailure | null = null;

  private readonly digests: ReadonlyMap<string, string | null>;

  constructor(private readonly context: ExpectedContext, private readonly order: readonly string[]) {
    this.digests = revisionDigests(context.project.root, context.project.sourcesById.values());
  }

  async at(n: number): Promise<SchemaLookup> {
    const applied = this.order.slice(0, n);
    const key = await expectedKey(this.context, new Set(applied), this.digests);
    const cached = this.context.cache!.get(key);
    if (cached) {
      this.cacheHits++;
      return { ok: true, schema: cached };
    }
    if (!this.replay || this.position > n) {
      await this.close();
      if (this.fatal) return { ok: false, message: this.fatal.message, revision: null };
      const opened = await ScratchReplay.open(this.context.project, this.context.provider, { versionTable: this.context.versionTable, stats: this.context.stats });
      if (!(opened instanceof ScratchReplay)) {
        this.fatal = opened;
        return { ok: false, message: opened.message, revision: opened.revision };
      }
      this.replay = opened;
    }
    const failure = await this.replay.apply(applied.slice(this.position));
    if (failure) {
      // Part of the segment ran: the scratch database is in no known state any more.
      await this.close();
      return { ok: false, message: failure.message, revision: failure.revision };
    }
    this.position = n;
    const schema = await this.replay.read();
    if ("ok" in schema) {
      await this.close();
      return { ok: false, message: schema.message, revision: null };
    }
    this.context.cache!.set(key, schema);
    return { ok: true, schema };
  }

  async close(): Promise<void> {
    await this.replay?.drop();
    this.replay = null;
    this.position = 0;
  }
}
