import "server-only";
import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { processState } from "../process-state";
import { currentHolder, holderIsGone, type RunHolder } from "./holder";

// SQLite has no server to hold a session lock, so a run is announced by a file beside the
// database naming its holder. It is created exclusively (O_EXCL), removed when the run ends or
// the process exits, and ignored when the process that wrote it is gone (a SIGKILLed run).

interface LockFileBody extends RunHolder {
  holder: string;
  since: string;
}

const held = processState("sqlite-lock-files", () => new Set<string>());
const exitHook = processState("sqlite-lock-exit-hook", () => ({ installed: false }));

export function lockFileOf(databaseFile: string): string {
  return `${databaseFile}.retort-lock`;
}

export type FileLockAttempt = { ok: true; release(): void } | { ok: false; heldBy: string; since: string | null };

export function tryLockFile(databaseFile: string, holder: string): FileLockAttempt {
  const file = lockFileOf(databaseFile);
  for (let attempt = 0; attempt < 2; attempt++) {
    const created = createExclusive(file, { ...currentHolder(), holder, since: new Date().toISOString() });
    if (created) {
      held.add(file);
      installExitHook();
      return { ok: true, release: () => releaseLockFile(file) };
    }
    const owner = readLockFile(file);
    if (owner && !holderIsGone(owner, held.has(file))) return { ok: false, heldBy: owner.holder, since: owner.since };
    // Its process is gone (or the file is debris): take it over, unless another runner got there first.
    const taken = removeStale(file, owner);
    if (taken) return { ok: false, heldBy: taken.holder, since: taken.since };
  }
  return { ok: false, heldBy: "another Retort process", since: null };
}

/** The live holder named by the lock file, or null when there is none (or it is stale). */
export function lockFileHolder(databaseFile: string): { heldBy: string; since: string | null } | null {
  const file = lockFileOf(databaseFile);
  const owner = readLockFile(file);
  if (!owner || holderIsGone(owner, held.has(file))) return null;
  return { heldBy: owner.holder, since: owner.since };
}

/** Written aside, then linked into place: link() fails if the name exists, and a reader never sees half a file. */
function createExclusive(file: string, body: LockFileBody): boolean {
  const scratch = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(scratch, JSON.stringify(body), { mode: 0o644 });
  try {
    linkSync(scratch, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(scratch);
  }
}

/** Moves a stale lock file away; if what moved was a fresh lock after all, puts it back and names its holder. */
function removeStale(file: string, stale: LockFileBody | null): LockFileBody | null {
  const aside = `${file}.stale.${randomBytes(4).toString("hex")}`;
  try {
    renameSync(file, aside);
  } catch {
    return null; // already gone
  }
  const moved = readLockFile(aside);
  const same = JSON.stringify(moved) === JSON.stringify(stale);
  if (!same && moved && !holderIsGone(moved, false)) {
    try {
      linkSync(aside, file);
    } catch {
      // A third runner holds it now; it names itself.
    }
    unlinkSync(aside);
    return moved;
  }
  unlinkSync(aside);
  return null;
}

function readLockFile(file: string): LockFileBody | null {
  try {
    const body = JSON.parse(readFileSync(file, "utf8")) as Partial<LockFileBody>;
    if (typeof body.holder !== "string" || typeof body.pid !== "number" || typeof body.host !== "string") return null;
    return { holder: body.holder, pid: body.pid, host: body.host, instance: String(body.instance ?? ""), since: String(body.since ?? "") || "" };
  } catch {
    return null;
  }
}

function releaseLockFile(file: string): void {
  if (!held.delete(file)) return;
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

function installExitHook(): void {
  if (exitHook.installed) return;
  exitHook.installed = true;
  process.once("exit", () => {
    for (const file of held) {
      try {
        unlinkSync(file);
      } catch {
        // Best effort on the way out.
      }
    }
  });
}
