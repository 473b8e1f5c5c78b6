import "server-only";
import { createHash } from "node:crypto";
import { currentHolder, holderIsGone } from "./holder";
import type { MysqlConnection } from "./mysql";
import type { LockAttempt, VersionTableTarget } from "./types";

// GET_LOCK(name, 0) on the run's own connection: never waits, and the server releases it when
// the connection goes, so a killed process leaves no lock. MySQL has no application_name to
// publish who holds it, so the holder writes its name into retort_lock beside the version
// table; a reader trusts that row only while IS_USED_LOCK names the connection that wrote it.
// The server keeps a killed client's session (and its lock) until the statement it runs ends;
// when the row shows the holder was a process on this host that no longer exists, that orphan
// session is killed, so its statement rolls back and the lock is free at once.

/** Lock names are server-wide and at most 64 characters: hash the database and table. */
export function mysqlLockName(database: string, target: VersionTableTarget): string {
  return `retort:${createHash("sha1").update(`${database}.${target.table}`).digest("hex")}`;
}

// The database name comes from DATABASE() or a validated versionSchema; backticks are doubled regardless.
const holderTable = (database: string) => `\`${database.replace(/`/g, "``")}\`.\`retort_lock\``;

export async function tryNamedLock(conn: MysqlConnection, database: string, target: VersionTableTarget, holder: string): Promise<LockAttempt> {
  const name = mysqlLockName(database, target);
  // The table first, so that once the lock is ours naming ourselves is a single statement.
  const canPublish = await createHolderTable(conn, database);
  let got = await getLock(conn, name);
  if (!got && (await killOrphanHolder(conn, database, name))) got = await getLock(conn, name);
  if (!got) return { ok: false, ...(await awaitHolderName(conn, database, target)) };
  if (canPublish) await publishHolder(conn, database, name, holder);
  return {
    ok: true,
    release: async () => {
      await conn.query(`DELETE FROM ${holderTable(database)} WHERE lock_name = ? AND connection_id = CONNECTION_ID()`, [name]).catch(() => undefined);
      await conn.query("SELECT RELEASE_LOCK(?)", [name]);
    },
  };
}

async function getLock(conn: MysqlConnection, name: string): Promise<boolean> {
  const { rows } = await conn.query<{ got: number | null }>("SELECT GET_LOCK(?, 0) AS got", [name]);
  return Number(rows[0]?.got) === 1;
}

/** Kills the session holding the lock when its row names a process of this host that is gone. */
async function killOrphanHolder(conn: MysqlConnection, database: string, name: string): Promise<boolean> {
  try {
    const used = (await conn.query<{ id: number | null }>("SELECT IS_USED_LOCK(?) AS id", [name])).rows[0]?.id;
    if (used === null || used === undefined) return true;
    const { rows } = await conn.query<{ host: string; pid: number; instance: string }>(
      `SELECT holder_host AS host, holder_pid AS pid, holder_instance AS instance FROM ${holderTable(database)} WHERE lock_name = ? AND connection_id = ?`,
      [name, used],
    );
    const holder = rows[0];
    // Never our own process's sessions: those are alive by definition.
    const ours = holder?.instance === currentHolder().instance;
    if (!holder || !holderIsGone({ host: holder.host, pid: Number(holder.pid), instance: holder.instance }, ours)) return false;
    await conn.query(`KILL ${Number(used)}`);
    for (let waited = 0; waited < 2_000; waited += 50) {
      const still = (await conn.query<{ id: number | null }>("SELECT IS_USED_LOCK(?) AS id", [name])).rows[0]?.id;
      if (still === null || still === undefined) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  } catch {
    return false;
  }
}

async function createHolderTable(conn: MysqlConnection, database: string): Promise<boolean> {
  try {
    await conn.query(
      `CREATE TABLE IF NOT EXISTS ${holderTable(database)} (
         lock_name VARCHAR(64) NOT NULL PRIMARY KEY, holder VARCHAR(255) NOT NULL,
         since VARCHAR(32) NOT NULL, connection_id BIGINT NOT NULL,
         holder_host VARCHAR(255) NOT NULL, holder_pid INT NOT NULL, holder_instance VARCHAR(36) NOT NULL
       ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
    );
    return true;
  } catch {
    // Without the right to create it the lock still holds; refused runners then see "another session (connection N)".
    return false;
  }
}

/** A holder names itself a moment after taking the lock: give it that moment before calling it anonymous. */
async function awaitHolderName(conn: MysqlConnection, database: string, target: VersionTableTarget): Promise<{ heldBy: string; since: string | null }> {
  for (let waited = 0; ; waited += 50) {
    const holder = await mysqlLockHolder(conn, database, target);
    if (!holder) return { heldBy: "another session (it has just let go; try again)", since: null };
    if (!holder.heldBy.startsWith("another session") || waited >= 1_000) return holder;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function publishHolder(conn: MysqlConnection, database: string, name: string, holder: string): Promise<void> {
  try {
    const me = currentHolder();
    await conn.query(
      `REPLACE INTO ${holderTable(database)} (lock_name, holder, since, connection_id, holder_host, holder_pid, holder_instance) VALUES (?, ?, ?, CONNECTION_ID(), ?, ?, ?)`,
      [name, `retort: ${holder}`.slice(0, 255), new Date().toISOString(), me.host.slice(0, 255), me.pid, me.instance],
    );
  } catch {
    // Best effort, as above.
  }
}

export async function mysqlLockHolder(conn: MysqlConnection, database: string, target: VersionTableTarget): Promise<{ heldBy: string; since: string | null } | null> {
  const name = mysqlLockName(database, target);
  const used = (await conn.query<{ id: number | string | null }>("SELECT IS_USED_LOCK(?) AS id", [name])).rows[0]?.id;
  if (used === null || used === undefined) return null;
  try {
    const { rows } = await conn.query<{ holder: string; since: string }>(
      `SELECT holder, since FROM ${holderTable(database)} WHERE lock_name = ? AND connection_id = ?`,
      [name, used],
    );
    if (rows[0]) return { heldBy: rows[0].holder, since: rows[0].since };
  } catch {
    // No holder table: fall through to the connection id.
  }
  return { heldBy: `another session (connection ${used})`, since: null };
}
