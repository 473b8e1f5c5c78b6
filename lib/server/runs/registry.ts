import "server-only";
import { dialectOf } from "../db/dialects";
import type { RunningActionView } from "../../core/view/view-types";
import type { WaitState } from "../db/dialect";
import type { DbConnection } from "../db/types";
import { processState } from "../process-state";

// The actions running in this process right now, so the environment page can show them (and
// whether one waits for a lock, and on whom) and a person can cancel one. A cancel stops the
// statement running now (pg_cancel_backend, KILL QUERY; SQLite before its next statement) and
// keeps every later step from starting.

/** What the registry holds for a run: the view without the lock wait, which is read on demand. */
export type RunningAction = Omit<RunningActionView, "waiting">;

export type { RunningActionView } from "../../core/view/view-types";

interface Entry extends RunningAction {
  conn: DbConnection;
  /** How to stop it; null when it cannot be stopped from here. */
  stop: (() => Promise<void>) | null;
}

const running = processState("running-actions", () => new Map<string, Entry>());

/** Registers a run on its connection; the returned handle reports progress and unregisters. */
export function registerRun(action: Omit<RunningAction, "step" | "cancelledBy" | "cancellable">, conn: DbConnection, options: { stop?: (() => Promise<void>) | null } = {}) {
  const stop = options.stop === undefined ? () => conn.cancel() : options.stop;
  const entry: Entry = { ...action, step: null, cancelledBy: null, cancellable: stop !== null, conn, stop };
  running.set(action.runId, entry);
  return {
    /** Marks the step now running (null between steps). */
    step(revision: string | null) {
      entry.step = revision;
    },
    /** Who cancelled the run, or null: checked before each step and statement. */
    cancelledBy: () => entry.cancelledBy,
    done() {
      running.delete(action.runId);
    },
  };
}

export type RunHandle = ReturnType<typeof registerRun>;

/** A handle for runs that are not tracked (none is needed to run). */
export const untrackedRun: RunHandle = { step() {}, cancelledBy: () => null, done() {} };

export function isRunningHere(runId: string): boolean {
  return running.has(runId);
}

/** Runs of one environment in this process, each with what it waits for (asked of the database now). */
export async function listRunningActions({ environment }: { environment: string }): Promise<RunningActionView[]> {
  const entries = [...running.values()].filter((e) => e.environment === environment);
  // The wait is asked first: the step it is in is read after, so the two belong together.
  return Promise.all(entries.map(async (entry) => {
    const waiting = await waitStateOf(entry.conn);
    return { ...publicView(entry), waiting };
  }));
}

async function waitStateOf(conn: DbConnection): Promise<WaitState | null> {
  try {
    return await dialectOf(conn).waitState(conn);
  } catch {
    return null;
  }
}

export type CancelResult = { ok: true; run: RunningAction } | { ok: false; code: "not-found:run" | "not-cancellable"; message: string };

export async function cancelRunningAction({ runId, by }: { runId: string; by: string }): Promise<CancelResult> {
  const entry = running.get(runId);
  if (!entry) return { ok: false, code: "not-found:run", message: "That run is no longer running here; it may have just finished." };
  if (!entry.stop) return { ok: false, code: "not-cancellable", message: "This run cannot be cancelled from Retort; it stops at its time limit." };
  entry.cancelledBy ??= by;
  // The statement running now, if any; a run between statements stops at the next check.
  await entry.stop().catch(() => undefined);
  return { ok: true, run: publicView(entry) };
}

export function findRunningAction(runId: string): RunningAction | null {
  const entry = running.get(runId);
  return entry ? publicView(entry) : null;
}

function publicView({ conn: _conn, stop: _stop, ...action }: Entry): RunningAction {
  return action;
}
