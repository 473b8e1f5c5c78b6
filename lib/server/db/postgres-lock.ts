import "server-only";
import type { PostgresConnection } from "./postgres";
import type { LockAttempt } from "./types";

/** PostgreSQL keeps application_name to 63 bytes; longer names are cut by the server anyway. */
const APPLICATION_NAME_LIMIT = 63;

/**
 * Session-level advisory lock that never waits. The holder is published as the connection's
 * application_name, so a refused caller can say who holds it; a killed holder's connection closes
 * and PostgreSQL drops the lock with it, so there are no stale locks to clean up.
 * Advisory locks are per database, so the key only needs to name the version table.
 */
export async function tryAdvisoryLock(conn: PostgresConnection, { key, holder }: { key: string; holder: string }): Promise<LockAttempt> {
  const [classId, objectId] = lockKeyPair(key);
  // Name ourselves before taking the lock, so anyone refused afterwards sees who we are.
  await conn.query("SELECT set_config('application_name', $1, false)", [applicationName(holder)]);
  for (let attempt = 0; attempt < 2; attempt++) {
    const { rows } = await conn.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS locked", [classId, objectId]);
    if (rows[0]?.locked) {
      await watchForDeadClient(conn);
      return { ok: true, release: () => releaseLock(conn, classId, objectId) };
    }
    const owner = await findAdvisoryHolder(conn, classId, objectId);
    // The holder may have let go between our try and the lookup: try once more.
    if (owner) {
      await conn.query("RESET application_name");
      return { ok: false, ...owner };
    }
  }
  await conn.query("RESET application_name");
  return { ok: false, heldBy: "an unknown session", since: null };
}

/**
 * A backend busy in a long statement only notices its client died when it next talks to it, and
 * keeps the session lock until then. PostgreSQL 14+ can poll the socket while a query runs;
 * older servers refuse the setting, and the lock then goes when the statement ends.
 */
async function watchForDeadClient(conn: PostgresConnection): Promise<void> {
  await conn.query("SELECT set_config('client_connection_check_interval', '1000', false)").catch(() => undefined);
}

async function releaseLock(conn: PostgresConnection, classId: number, objectId: number): Promise<void> {
  await conn.query("SELECT pg_advisory_unlock($1, $2)", [classId, objectId]);
  await conn.query("RESET application_name");
}

export async function findAdvisoryHolder(conn: PostgresConnection, classId: number, objectId: number): Promise<{ heldBy: string; since: string | null } | null> {
  // The two-int form of an advisory lock shows up in pg_locks with objsubid = 2.
  const { rows } = await conn.query<{ application_name: string | null; pid: number; since: Date | null }>(
    `SELECT a.application_name, a.pid, a.backend_start AS since
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.classid = ($1::int)::oid AND l.objid = ($2::int)::oid
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      LIMIT 1`,
    [classId, objectId],
  );
  const row = rows[0];
  if (!row) return null;
  return { heldBy: row.application_name || `another session (pid ${row.pid})`, since: row.since ? row.since.toISOString() : null };
}

export function applicationName(holder: string): string {
  const name = `retort: ${holder}`.replace(/[^\x20-\x7e]/g, "?");
  return name.length > APPLICATION_NAME_LIMIT ? name.slice(0, APPLICATION_NAME_LIMIT) : name;
}

/** Two signed 32-bit FNV-1a hashes with different offsets, for pg_try_advisory_lock(int, int). */
export function lockKeyPair(key: string): [number, number] {
  return [fnv1a(key, 0x811c9dc5), fnv1a(key, 0x01000193 ^ 0x5bd1e995)];
}

function fnv1a(text: string, offset: number): number {
  let hash = offset >>> 0;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
