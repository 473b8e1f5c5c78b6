import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";

// Who this process is, for records that must outlive it: a claimed approval names its runner,
// so another server (or this one after a restart) can tell when that runner is gone.

const INSTANCE = Symbol.for("retort.instance");
const holder = globalThis as unknown as { [INSTANCE]?: string };

export interface RunnerIdentity {
  instance: string;
  pid: number;
  host: string;
}

export function runnerIdentity(): RunnerIdentity {
  holder[INSTANCE] ??= randomBytes(8).toString("hex");
  return { instance: holder[INSTANCE], pid: process.pid, host: os.hostname() };
}

/** Whether a runner recorded on this host is certainly dead (a pid on another host cannot be checked). */
export function runnerIsGone(runner: { instance: string | null; pid: number | null; host: string | null }): boolean {
  const self = runnerIdentity();
  if (runner.host !== self.host || runner.pid === null) return false;
  if (runner.instance === self.instance) return false;
  try {
    process.kill(runner.pid, 0);
    // Alive, but this may be a reused pid: only the lease can tell then.
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
