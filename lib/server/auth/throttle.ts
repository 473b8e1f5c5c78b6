import "server-only";
import type pg from "pg";
import { metaTransaction } from "../meta/pool";

// Sign-in rate limits, per account and per client address, in the metadata database so every
// server counts the same attempts. A few failures are free; after that each failure locks the
// key for twice as long as the last (1 s, 2 s, 4 s … up to 15 min). A locked key refuses
// attempts without checking the password, so the right password is no oracle during a lock.
// Attempts are counted before the password is checked (and taken back on success), so a burst
// of parallel guesses cannot all slip in before the first failure is written.

const WINDOW_SECONDS = 15 * 60;
const MAX_LOCK_SECONDS = 15 * 60;
const FREE = { account: 5, address: 20 } as const;
type Scope = keyof typeof FREE;

export type AttemptDecision =
  | { ok: true; lockedAfterFailure: Scope[] }
  | { ok: false; scope: Scope; retryAfterSeconds: number };

interface ThrottleRow {
  key: string;
  failures: number;
  window_expired: boolean;
  locked_for: number | null;
}

export function lockSeconds(failures: number, free: number): number {
  return failures <= free ? 0 : Math.min(2 ** Math.min(failures - free - 1, 20), MAX_LOCK_SECONDS);
}

function keys({ name, address }: { name: string; address: string | null }): Array<{ scope: Scope; key: string }> {
  const list: Array<{ scope: Scope; key: string }> = [{ scope: "account", key: `account:${name.toLowerCase().slice(0, 128)}` }];
  if (address) list.push({ scope: "address", key: `address:${address.slice(0, 64)}` });
  return list;
}

async function lockRow(client: pg.ClientBase, key: string): Promise<ThrottleRow> {
  // The upsert takes the row lock: concurrent attempts on one key are counted one after another.
  const { rows } = await client.query<ThrottleRow>(
    `INSERT INTO retort.login_throttle AS t (key, failures, first_failure_at) VALUES ($1, 0, now())
     ON CONFLICT (key) DO UPDATE SET key = t.key
     RETURNING key, failures, first_failure_at < now() - make_interval(secs => $2) AS window_expired,
               CASE WHEN locked_until > now() THEN ceil(extract(epoch FROM locked_until - now()))::int END AS locked_for`,
    [key, WINDOW_SECONDS],
  );
  return rows[0]!;
}

/** Count one attempt for the account and the address, or refuse it while either is locked. */
export async function reserveSignInAttempt(input: { name: string; address: string | null }): Promise<AttemptDecision> {
  return metaTransaction(async (client) => {
    const scoped = [];
    for (const { scope, key } of keys(input)) scoped.push({ scope, row: await lockRow(client, key) });
    const locked = scoped.filter((s) => s.row.locked_for !== null).sort((a, b) => b.row.locked_for! - a.row.locked_for!)[0];
    if (locked) return { ok: false as const, scope: locked.scope, retryAfterSeconds: Math.max(1, locked.row.locked_for!) };
    const lockedAfterFailure: Scope[] = [];
    for (const { scope, row } of scoped) {
      const failures = row.window_expired ? 1 : row.failures + 1;
      const lock = lockSeconds(failures, FREE[scope]);
      if (lock > 0) lockedAfterFailure.push(scope);
      await client.query(
        `UPDATE retort.login_throttle SET failures = $2,
                first_failure_at = CASE WHEN $3 THEN now() ELSE first_failure_at END,
                locked_until = CASE WHEN $4 > 0 THEN now() + make_interval(secs => $4) END
          WHERE key = $1`,
        [row.key, failures, row.window_expired, lock],
      );
    }
    return { ok: true as const, lockedAfterFailure };
  });
}

/** The password was right: forget the account's failures and take back this attempt's count for the address. */
export async function releaseSignInAttempt(input: { name: string; address: string | null }): Promise<void> {
  await metaTransaction(async (client) => {
    const [account, address] = keys(input);
    await client.query("DELETE FROM retort.login_throttle WHERE key = $1", [account!.key]);
    if (!address) return;
    await client.query(
      `UPDATE retort.login_throttle SET failures = greatest(failures - 1, 0),
              locked_until = CASE WHEN failures - 1 > $2 THEN locked_until END
        WHERE key = $1`,
      [address.key, FREE.address],
    );
  });
}
