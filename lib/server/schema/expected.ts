import "server-only";
import { planUpgrade } from "../../core/plan/plan-upgrade";
import type { SchemaModel } from "../../core/schema/model";
import { appliedOfRows } from "../../core/schema/revision-sets";
import { fileDigest, revisionDigests, sha256 } from "./file-digests";
import { emptyStats, type ReplayFailure, type ReplayProject, type ReplayStats, ScratchReplay } from "./replay";
import { type SchemaCache, sharedSchemaCache } from "./schema-cache";
import type { ScratchProvider } from "./scratch";

// The schema a database should have at a set of version rows: the migrations from base to those
// rows replayed in a scratch database of the same kind, then introspected. Cached by project,
// applied revisions, their file digests and the scratch server's kind.

export interface ExpectedContext {
  project: ReplayProject;
  provider: ScratchProvider;
  /** The environment's version table, left out of what is read back. */
  versionTable?: string;
  cache?: SchemaCache;
  stats?: ReplayStats;
}

export type ExpectedResult = { ok: true; schema: SchemaModel; fromCache: boolean } | ReplayFailure;

export async function expectedSchemaAt(context: ExpectedContext, rows: readonly string[]): Promise<ExpectedResult> {
  const { project } = context;
  const unknown = rows.filter((row) => !project.map.get(row));
  if (unknown.length > 0) {
    return { ok: false, code: "unknown-revision", message: `Can't locate revision ${unknown.join(", ")} in the migration directory`, revision: unknown[0]! };
  }
  const order = upgradeOrder(context, rows);
  if (!order.ok) return order.failure;
  const cache = context.cache ?? sharedSchemaCache();
  const key = await expectedKey(context, appliedOfRows(project.map, rows));
  const cached = cache.get(key);
  if (cached) return { ok: true, schema: cached, fromCache: true };
  const replay = await ScratchReplay.open(project, context.provider, { versionTable: context.versionTable, stats: context.stats ?? emptyStats() });
  if (!("applied" in replay)) return replay;
  try {
    const failure = await replay.apply(order.revisions);
    if (failure) return failure;
    const schema = await replay.read();
    if ("ok" in schema) return schema;
    cache.set(key, schema);
    return { ok: true, schema, fromCache: false };
  } finally {
    await replay.drop();
  }
}

/**
 * Alembic's own order for reaching the rows from an empty database: `upgrade` to each row in
 * turn (lib/core/plan/plan-upgrade.ts), so a replay runs migrations as Alembic would.
 */
function upgradeOrder(context: ExpectedContext, rows: readonly string[]): { ok: true; revisions: string[] } | { ok: false; failure: ReplayFailure } {
  let current: string[] = [];
  const revisions: string[] = [];
  for (const row of [...rows].sort()) {
    const plan = planUpgrade(context.project.map, { target: row, rows: current });
    if (!plan.ok) return { ok: false, failure: { ok: false, code: "graph-problems", message: plan.error.message, revision: plan.error.revisions?.[0] ?? null } };
    revisions.push(...plan.value.steps.map((step) => step.revision));
    current = plan.value.after;
  }
  return { ok: true, revisions };
}

/** The cache key of an applied set: everything that decides what its replay produces. */
export async function expectedKey(context: ExpectedContext, applied: ReadonlySet<string>, known?: ReadonlyMap<string, string | null>): Promise<string> {
  const { project } = context;
  const ids = [...applied].sort();
  // A search asks for many keys in a row: it passes the digests it read once.
  const digests = known ?? revisionDigests(project.root, ids.map((id) => ({ revision: id, path: project.sourcesById.get(id)?.path ?? "" })));
  return sha256(JSON.stringify({
    format: 1,
    project: project.name,
    kind: project.format,
    flavor: await context.provider.flavor(),
    versionTable: context.versionTable ?? "alembic_version",
    revisions: ids.map((id) => [id, digests.get(id) ?? null]),
    extra: project.extraFiles.map((file) => [file, fileDigest(file)]),
  }));
}
