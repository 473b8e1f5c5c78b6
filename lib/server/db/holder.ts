import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { processState } from "../process-state";

// Who runs an action: this host, this process, and this Retort instance (a random id per
// process, because a restarted container often gets the same pid back).

export interface RunHolder {
  host: string;
  pid: number;
  instance: string;
}

export function currentHolder(): RunHolder {
  const instance = processState("instance", () => randomUUID());
  return { host: os.hostname(), pid: process.pid, instance };
}

/**
 * Whether a recorded holder is certainly gone. Another host's process cannot be probed, so it
 * counts as alive (the caller also needs the lock to be free before calling a run dead).
 */
export function holderIsGone(holder: RunHolder | null, runningHere: boolean): boolean {
  if (!holder) return true;
  const me = currentHolder();
  if (holder.host !== me.host) return false;
  if (holder.instance === me.instance) return !runningHere;
  // Same pid, other instance: an earlier process whose pid we inherited.
  if (holder.pid === me.pid) return true;
  return !processAlive(holder.pid);
}

export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
