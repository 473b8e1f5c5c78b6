import "server-only";
import type { RevisionMap } from "../../core/graph/revision-map";
import type { PlanStep, RevisionSource } from "../../core/types";
import type { DbConnection, VersionTableTarget } from "../db/types";
import { checksumRecordsFor, checksumTableDdl, forgetChecksums, recordChecksums } from "../schema/checksums";

// retort_revision from the executors (issue 8): every revision Retort applies or stamps gets its
// file's SHA-256 recorded in the transaction that writes its version rows; a downgrade or a stamp
// down forgets it. The table is created before any transaction, as the version table is, since
// MySQL would commit an open one at the CREATE.

export interface ChecksumHook {
  /** The directory RevisionSource.path is relative to. */
  root: string;
  map: RevisionMap;
  sources: ReadonlyMap<string, RevisionSource>;
}

const schemaOf = (target: VersionTableTarget) => ({ schema: target.schema ?? null });

/** Creates retort_revision when something will be recorded; outside any transaction. */
export async function prepareChecksums(conn: DbConnection, target: VersionTableTarget, hook: ChecksumHook | undefined, records: boolean): Promise<void> {
  if (hook && records) await conn.query(checksumTableDdl(conn, schemaOf(target)));
}

/** A migration step: up records its file, down forgets it. */
export async function stepChecksums(conn: DbConnection, target: VersionTableTarget, hook: ChecksumHook | undefined, step: PlanStep): Promise<void> {
  if (!hook) return;
  if (step.direction === "down") return forgetChecksums(conn, schemaOf(target), [step.revision]);
  const source = hook.sources.get(step.revision);
  if (source) await recordChecksums(conn, schemaOf(target), checksumRecordsFor(hook.root, [source]), "upgrade", { createTable: false });
}

/** What a move from `before` to `after` applies and unapplies (a stamp, or a run of real Alembic). */
export function transition(map: RevisionMap, before: readonly string[], after: readonly string[]): { applied: string[]; unapplied: string[] } {
  const was = map.ancestors(before);
  const is = map.ancestors(after);
  return { applied: [...is].filter((r) => !was.has(r)).sort(), unapplied: [...was].filter((r) => !is.has(r)).sort() };
}

export async function transitionChecksums(
  conn: DbConnection,
  target: VersionTableTarget,
  hook: ChecksumHook | undefined,
  moves: { before: readonly string[]; after: readonly string[]; action: "upgrade" | "stamp" },
): Promise<void> {
  if (!hook) return;
  const { applied, unapplied } = transition(hook.map, moves.before, moves.after);
  await forgetChecksums(conn, schemaOf(target), unapplied);
  const sources = applied.flatMap((r) => (hook.sources.get(r) ? [hook.sources.get(r)!] : []));
  await recordChecksums(conn, schemaOf(target), checksumRecordsFor(hook.root, sources), moves.action, { createTable: false });
}
