import "server-only";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Point RETORT_DATA_DIR at a fresh temporary directory; returns the cleanup. For tests only. */
export function useTemporaryDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "retort-auth-"));
  const saved = { data: process.env.RETORT_DATA_DIR, users: process.env.RETORT_USERS_FILE };
  process.env.RETORT_DATA_DIR = dir;
  delete process.env.RETORT_USERS_FILE;
  return {
    dir,
    cleanup: () => {
      restore("RETORT_DATA_DIR", saved.data);
      restore("RETORT_USERS_FILE", saved.users);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
