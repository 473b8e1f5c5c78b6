import "server-only";
import { randomBytes } from "node:crypto";
import { readFileSync, readlinkSync } from "node:fs";
import os from "node:os";

// Who this process is, for records that must outlive it: a claimed approval names its runner,
// so another server (or this one after a restart) can tell when that runner is gone.

const INSTANCE = Symbol.for("retort.instance");
const holder = globalThis as unknown as { [INSTANCE]?: string };

export interface RunnerIdentity {
  instance: string;
  pid: number;
  /** For people: the host name. */
  host: string;
  /**
   * Where `pid` means something: the host name, the kernel's boot id and the pid namespace.
   * Two containers may share a host name (and a kernel) yet not their pids; only a runner in
   * the same scope can be checked for being alive.
   */
  scope: string;
}

function linuxId(read: () => string): string {
  try {
    return read().trim();
  } catch {
    return "-";
  }
}

export function runnerIdentity(): RunnerIdentity {
  holder[INSTANCE] ??= randomBytes(8).toString("hex");
  const boot = linuxId(() => readFileSync("/proc/sys/kernel/random/boot_id", "utf8"));
  const pidNamespace = linuxId(() => readlinkSync("/proc/self/ns/pid"));
  return { instance: holder[INSTANCE], pid: process.pid, host: os.hostname(), scope: `${os.hostname()}|${boot}|${pidNamespace}` };
}

/** Whether a runner is certainly dead: same pid scope as this process, and its pid is gone. */
export function runnerIsGone(runner: { instance: string | null; pid: number | null; scope: string | null }): boolean {
  const self = runnerIdentity();
  if (runner.scope !== self.scope || self.scope.split("|").includes("-") || runner.pid === null) return false;
  if (runner.instance === self.instance) return false;
  try {
    process.kill(runner.pid, 0);
    // Alive, but this may be a reused pid: only the lease can tell then.
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
