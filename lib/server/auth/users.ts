import "server-only";
import { z } from "zod";
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPasswordHash } from "./password";
import { type Role, roleSchema } from "./roles";
import { dataFile, readJsonFile, writeJsonFile } from "./secure-file";

// Local accounts, in a JSON file kept out of the committed configuration (mode 0600).

export const USER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/;
export const userNameSchema = z.string().regex(USER_NAME_PATTERN, "Use letters, digits, and . _ @ + - (at most 128 characters).");

const storedUserSchema = z.object({
  name: userNameSchema,
  role: roleSchema,
  passwordHash: z.string(),
  createdAt: z.string(),
});
const usersFileSchema = z.object({ users: z.array(storedUserSchema) });

export type StoredUser = z.infer<typeof storedUserSchema>;
/** A user as it may be shown: never the password hash. */
export type UserInfo = Omit<StoredUser, "passwordHash">;

export type UserResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export function usersFilePath(): string {
  return process.env.RETORT_USERS_FILE ?? dataFile("users.json");
}

function readUsers(): StoredUser[] {
  const raw = readJsonFile(usersFilePath());
  if (raw === null) return [];
  const parsed = usersFileSchema.safeParse(raw);
  // A broken users file must lock everyone out, not let anyone in.
  if (!parsed.success) throw new Error("The users file is malformed; fix it or recreate it with `retort user add`");
  return parsed.data.users;
}

function writeUsers(users: StoredUser[]): void {
  writeJsonFile(usersFilePath(), { users });
}

const info = ({ name, role, createdAt }: StoredUser): UserInfo => ({ name, role, createdAt });

export function listUsers(): UserInfo[] {
  return readUsers().map(info);
}

export function findUser({ name }: { name: string }): UserInfo | null {
  const user = readUsers().find((u) => u.name === name);
  return user ? info(user) : null;
}

export async function addUser({ name, role, password }: { name: string; role: Role; password: string }): Promise<UserResult<UserInfo>> {
  if (!USER_NAME_PATTERN.test(name)) return { ok: false, code: "invalid:name", message: "Invalid user name: use letters, digits and . _ @ + - (at most 128 characters)." };
  const problem = passwordProblem(password, name);
  if (problem) return { ok: false, code: "weak-password", message: problem };
  const passwordHash = await hashPassword(password);
  const users = readUsers();
  if (users.some((u) => u.name.toLowerCase() === name.toLowerCase())) {
    return { ok: false, code: "exists", message: `A user named ${name} already exists.` };
  }
  const user: StoredUser = { name, role, passwordHash, createdAt: new Date().toISOString() };
  writeUsers([...users, user]);
  return { ok: true, value: info(user) };
}

export function removeUser({ name }: { name: string }): UserResult<UserInfo> {
  const users = readUsers();
  const user = users.find((u) => u.name === name);
  if (!user) return { ok: false, code: "not-found", message: `No user named ${name}.` };
  writeUsers(users.filter((u) => u !== user));
  return { ok: true, value: info(user) };
}

/** The user when the password matches; unknown names take as long as wrong passwords. */
export async function verifyPassword({ name, password }: { name: string; password: string }): Promise<UserInfo | null> {
  const user = readUsers().find((u) => u.name === name);
  const matches = await verifyPasswordHash(password, user?.passwordHash ?? dummyPasswordHash());
  return user && matches ? info(user) : null;
}
