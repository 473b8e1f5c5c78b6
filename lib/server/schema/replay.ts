import "server-only";
import { splitSqlStatements } from "../../core/read/parse-sql";
import type { RevisionMap } from "../../core/graph/revision-map";
import { maximalRevisions } from "../../core/schema/revision-sets";
import type { SchemaModel } from "../../core/schema/model";
import type { MigrationFormat, RevisionSource } from "../../core/types";
import type { AlembicResolution } from "../actions/alembic-command";
import { runAlembicProcess } from "../actions/alembic-process";
import { sanitizeDbError, secretsOf } from "../pg";
import { introspectSchema } from "./introspect";
import type { ScratchDatabase, ScratchProvider } from "./scratch";

// One scratch database that migrations are applied to, a few at a time, and read back. Native
// SQL revisions run their `up` SQL here; Alembic revisions run through the project's real
// alembic command pointed at the scratch URL. A failure is a value naming the revision.

export interface ReplayProject {
  name: string;
  format: MigrationFormat;
  map: RevisionMap;
  sourcesById: ReadonlyMap<string, RevisionSource>;
  /** Absolute directory that RevisionSource.path is relative to. */
  root: string;
  /** Alembic projects: how to run real Alembic, or why it cannot be run. */
  alembic: AlembicResolution | null;
  /** Absolute paths of other files that shape a replay (alembic.ini, env.py): part of the cache key. */
  extraFiles: string[];
}

export type ReplayFailureCode = "scratch-unavailable" | "replay-failed" | "alembic-unavailable" | "unknown-revision" | "graph-problems";

export interface ReplayFailure {
  ok: false;
  code: ReplayFailureCode;
  message: string;
  /** The revision whose migration failed, when one did. */
  revision: string | null;
}

export interface ReplayStats {
  /** Scratch databases filled from base. */
  replays: number;
  /** Migrations run. */
  steps: number;
  /** Alembic processes started. */
  alembicRuns: number;
  introspections: number;
}

export function emptyStats(): ReplayStats {
  return { replays: 0, steps: 0, alembicRuns: 0, introspections: 0 };
}

export class ScratchReplay {
  readonly applied = new Set<string>();

  private constructor(
    private readonly project: ReplayProject,
    private readonly scratch: ScratchDatabase,
    private readonly versionTable: string,
    private readonly stats: ReplayStats,
  ) {}

  static async open(project: ReplayProject, provider: ScratchProvider, options: { versionTable?: string; stats?: ReplayStats } = {}): Promise<ScratchReplay | ReplayFailure> {
    if (project.format === "alembic" && !project.alembic?.ok) {
      const reason = project.alembic && !project.alembic.ok ? project.alembic.reason : "No alembic command is configured.";
      return { ok: false, code: "alembic-unavailable", message: `Cannot replay the Alembic migrations: ${reason}`, revision: null };
    }
    const created = await provider.create();
    if (!created.ok) return { ok: false, code: "scratch-unavailable", message: created.message, revision: null };
    const stats = options.stats ?? emptyStats();
    stats.replays++;
    return new ScratchReplay(project, created.scratch, options.versionTable ?? "alembic_version", stats);
  }

  /** Applies `revisions` (each after its parents, the rest already applied) in order. */
  async apply(revisions: readonly string[]): Promise<ReplayFailure | null> {
    const todo = revisions.filter((id) => !this.applied.has(id));
    if (todo.length === 0) return null;
    const failure = this.project.format === "alembic" ? await this.applyAlembic(todo) : await this.applyNative(todo);
    if (failure) return failure;
    for (const id of todo) this.applied.add(id);
    return null;
  }

  /** The scratch database's schema, or why it could not be read (the scratch server went away). */
  async read(): Promise<SchemaModel | ReplayFailure> {
    this.stats.introspections++;
    try {
      return await introspectSchema({ reader: this.scratch.connection, versionTable: this.versionTable });
    } catch (error) {
      const { message } = sanitizeDbError(error, secretsOf(this.scratch.url));
      return { ok: false, code: "scratch-unavailable", message: `Could not read the scratch database back: ${message}`, revision: null };
    }
  }

  async drop(): Promise<void> {
    await this.scratch.drop().catch(() => undefined);
  }

  private async applyNative(revisions: string[]): Promise<ReplayFailure | null> {
    for (const revision of revisions) {
      const sql = this.project.sourcesById.get(revision)?.sql;
      if (!sql) return { ok: false, code: "replay-failed", message: `Revision ${revision} has no native SQL to replay`, revision };
      this.stats.steps++;
      try {
        // A non-transactional step (CREATE INDEX CONCURRENTLY) may not share a multi-statement
        // call, which PostgreSQL runs as one implicit transaction: one statement at a time.
        if (sql.transactional) await this.scratch.connection.execute(sql.up);
        else for (const statement of splitSqlStatements(sql.up)) await this.scratch.connection.execute(statement);
      } catch (error) {
        const { message } = sanitizeDbError(error, secretsOf(this.scratch.url));
        return { ok: false, code: "replay-failed", message: `Replaying ${revision} failed: ${message}`, revision };
      }
    }
    return null;
  }

  private async applyAlembic(revisions: string[]): Promise<ReplayFailure | null> {
    const resolution = this.project.alembic;
    if (!resolution?.ok) return { ok: false, code: "alembic-unavailable", message: "No alembic command is configured.", revision: null };
    for (const target of maximalRevisions(this.project.map, revisions)) {
      this.stats.alembicRuns++;
      const run = await runAlembicProcess({
        command: resolution.command,
        alembicArgs: ["upgrade", target],
        url: sqlalchemyUrl(this.scratch.url),
        versionTable: { table: this.versionTable, schema: null },
        secrets: secretsOf(this.scratch.url),
      });
      if (run.exitCode !== 0) return alembicFailure(run.output, target, run.timedOut);
    }
    this.stats.steps += revisions.length;
    return null;
  }
}

/**
 * SQLAlchemy reads a bare mysql:// as the MySQLdb driver, which is rarely installed; Retort's
 * MySQL URLs for Alembic name PyMySQL. (lib/server/db's URL handling does the same for
 * environments; this is the scratch database's share of it.)
 */
export function sqlalchemyUrl(url: string): string {
  return url.replace(/^(mysql|mariadb):\/\//, "mysql+pymysql://");
}

/** The revision Alembic was running when it failed (its last `Running upgrade a -> b` line), and why. */
function alembicFailure(output: string, target: string, timedOut: boolean): ReplayFailure {
  const started = [...output.matchAll(/Running upgrade .*? -> ([^,\s]+)/g)].map((m) => m[1]!);
  const revision = started.at(-1) ?? target;
  const lines = output.split("\n").map((l) => l.trim()).filter(Boolean);
  const reason = lines.findLast((l) => l.startsWith("FAILED:"))?.slice("FAILED:".length).trim()
    ?? lines.findLast((l) => /^[\w.]+(Error|Exception)\b/.test(l))
    ?? (timedOut ? "alembic took too long and was stopped" : "alembic failed");
  return { ok: false, code: "replay-failed", message: `Replaying ${revision} with alembic failed: ${reason}`, revision };
}
