import "server-only";
// The run lock lives in the dialect layer (advisory lock, GET_LOCK, lock file + BEGIN IMMEDIATE).
import { dialectOf } from "./db/dialects";
import type { DbConnection, LockAttempt, VersionTableTarget } from "./db/types";

export type { LockAttempt } from "./db/types";
export { applicationName, lockKeyPair } from "./db/postgres-lock";

/** Try the version table's run lock without waiting; a refusal names the holder. */
export function tryRunLock(conn: DbConnection, target: VersionTableTarget, holder: string): Promise<LockAttempt> {
  return dialectOf(conn).tryLock(conn, target, holder);
}
