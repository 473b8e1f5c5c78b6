import "server-only";
import { readFileSync, statSync } from "node:fs";
import fs from "node:fs/promises";

// Two processes needing the embedded metadata database at once must not both run initdb or
// pick two ports: the first to create the lock file starts it, the others wait, then find it.

const WAIT_MS = 90_000;

export async function startLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  for (let waited = 0; ; waited += 100) {
    const handle = await fs.open(file, "wx", 0o600).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "EEXIST") return null;
      throw error;
    });
    if (handle) {
      try {
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        return await work();
      } finally {
        await fs.rm(file, { force: true });
      }
    }
    if (holderIsGone(file)) {
      await fs.rm(file, { force: true });
      continue;
    }
    if (waited > WAIT_MS) throw new Error(`Another process has been starting the metadata database for over a minute (${file}); if none is, delete that file`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A lock left by a process that died (kill -9) while starting the cluster. */
function holderIsGone(file: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(file, "utf8").trim());
    // Created but never written: its creator died in between (or is about to write).
    if (pid === 0) return Date.now() - statSync(file).mtimeMs > 10_000;
  } catch {
    return false; // just released: look again
  }
  if (!Number.isInteger(pid) || pid < 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
