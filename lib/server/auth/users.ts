import "server-only";
import { metaTransaction, withMeta } from "../meta/pool";
import { recordAuthEvent } from "./auth-events";
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPasswordHash } from "./password";
import type { Role } from "./roles";
import { revokeUserSessions } from "./sessions";
import { USER_NAME_PATTERN } from "./user-name";

// Local accounts, in the metadata database. Every change that alters what a user may do (role,
// password, removal) ends their sessions in the same transaction.

export { USER_NAME_PATTERN, userNameSchema } from "./user-name";

/** A user as it may be shown: never the password hash. */
export interface UserInfo {
  name: string;
  role: Role;
  createdAt: string;
}

export type UserResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

interface UserRow {
  id: string;
  name: string;
  role: Role;
  password_hash: string;
  created_at: Date;
}

const info = (row: UserRow): UserInfo => ({ name: row.name, role: row.role, createdAt: row.created_at.toISOString() });
const notFound = (name: string) => ({ ok: false as const, code: "not-found", message: `No user named ${name}.` });

export async function listUsers(): Promise<UserInfo[]> {
  const { rows } = await withMeta((c) => c.query<UserRow>("SELECT * FROM retort.users ORDER BY lower(name)"));
  return rows.map(info);
}

export async function findUser({ name }: { name: string }): Promise<UserInfo | null> {
  if (!USER_NAME_PATTERN.test(name)) return null;
  const { rows } = await withMeta((c) => c.query<UserRow>("SELECT * FROM retort.users WHERE name = $1", [name]));
  return rows[0] ? info(rows[0]) : null;
}

export async function addUser({ name, role, password, actor = "cli" }: { name: string; role: Role; password: string; actor?: string }): Promise<UserResult<UserInfo>> {
  if (!USER_NAME_PATTERN.test(name)) return { ok: false, code: "invalid:name", message: "Invalid user name: use letters, digits and . _ @ + - (at most 128 characters)." };
  const problem = passwordProblem(password, name);
  if (problem) return { ok: false, code: "weak-password", message: problem };
  const passwordHash = await hashPassword(password);
  return metaTransaction(async (client) => {
    const { rows } = await client.query<UserRow>(
      "INSERT INTO retort.users (name, role, password_hash) VALUES ($1, $2, $3) ON CONFLICT (lower(name)) DO NOTHING RETURNING *",
      [name, role, passwordHash],
    );
    if (!rows[0]) return { ok: false, code: "exists", message: `A user named ${name} already exists.` };
    await recordAuthEvent({ kind: "user-added", user: name, actor, detail: `role ${role}` }, client);
    return { ok: true, value: info(rows[0]) };
  });
}

export async function removeUser({ name, actor = "cli" }: { name: string; actor?: string }): Promise<UserResult<UserInfo>> {
  return metaTransaction(async (client) => {
    // Sessions and sign-in links go with the row (ON DELETE CASCADE): a re-added user starts afresh.
    const { rows } = await client.query<UserRow>("DELETE FROM retort.users WHERE name = $1 RETURNING *", [name]);
    if (!rows[0]) return notFound(name);
    await recordAuthEvent({ kind: "user-removed", user: name, actor }, client);
    return { ok: true, value: info(rows[0]) };
  });
}

export async function setRole({ name, role, actor = "cli" }: { name: string; role: Role; actor?: string }): Promise<UserResult<UserInfo & { revoked: number }>> {
  return metaTransaction(async (client) => {
    const { rows } = await client.query<UserRow>("SELECT * FROM retort.users WHERE name = $1 FOR UPDATE", [name]);
    const row = rows[0];
    if (!row) return notFound(name);
    await client.query("UPDATE retort.users SET role = $2, updated_at = now() WHERE id = $1", [row.id, role]);
    const revoked = await revokeUserSessions(client, { userId: row.id, reason: "role changed" });
    await recordAuthEvent({ kind: "role-changed", user: name, actor, detail: `${row.role} → ${role}; ${revoked} session(s) ended` }, client);
    return { ok: true, value: { ...info(row), role, revoked } };
  });
}

/**
 * Set a new password and end the user's sessions, except `keepSessionHash` (the session of a
 * user changing their own password stays signed in; every other copy of it is signed out).
 */
export async function setPassword(
  { name, password, actor = "cli", keepSessionHash }: { name: string; password: string; actor?: string; keepSessionHash?: string },
): Promise<UserResult<{ revoked: number }>> {
  const problem = passwordProblem(password, name);
  if (problem) return { ok: false, code: "weak-password", message: problem };
  const passwordHash = await hashPassword(password);
  return metaTransaction(async (client) => {
    const { rows } = await client.query<UserRow>("UPDATE retort.users SET password_hash = $2, updated_at = now() WHERE name = $1 RETURNING *", [name, passwordHash]);
    if (!rows[0]) return notFound(name);
    const revoked = await revokeUserSessions(client, { userId: rows[0].id, reason: "password changed", except: keepSessionHash });
    await recordAuthEvent({ kind: "password-changed", user: name, actor, detail: `${revoked} other session(s) ended` }, client);
    return { ok: true, value: { revoked } };
  });
}

export interface VerifiedUser extends UserInfo {
  id: string;
}

/** The user when the password matches; unknown names take as long as wrong passwords. */
export async function verifyPassword({ name, password }: { name: string; password: string }): Promise<VerifiedUser | null> {
  const row = USER_NAME_PATTERN.test(name)
    ? (await withMeta((c) => c.query<UserRow>("SELECT * FROM retort.users WHERE name = $1", [name]))).rows[0]
    : undefined;
  const matches = await verifyPasswordHash(password, row?.password_hash ?? dummyPasswordHash());
  return row && matches ? { ...info(row), id: row.id } : null;
}
