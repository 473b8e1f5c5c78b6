import "server-only";
import { createHash } from "node:crypto";
import { renameSync } from "node:fs";
import type pg from "pg";
import { z } from "zod";
import { roleSchema } from "../auth/roles";
import { dataFile, readPrivateFile } from "../auth/secure-file";
import { appendLocked } from "./audit-chain";
import { MIGRATION_LOCK } from "./schema";

// Before the metadata database, users lived in a JSON file (RETORT_USERS_FILE, else
// <data dir>/users.json). On first start its users are copied in, once: the file's digest is
// remembered, so a user removed later is not brought back by the next start, and the file is
// renamed so nobody edits it thinking it is still read.

const fileSchema = z.object({
  users: z.array(z.object({ name: z.string().min(1).max(128), role: roleSchema, passwordHash: z.string().min(1), createdAt: z.string() })),
});

export function usersFilePath(): string {
  return process.env.RETORT_USERS_FILE ?? dataFile("users.json");
}

export async function importUsersFile(client: pg.ClientBase): Promise<number> {
  const file = usersFilePath();
  const text = readPrivateFile(file);
  if (text === null) return 0;
  const digest = createHash("sha256").update(text).digest("hex");
  let parsed: z.infer<typeof fileSchema>;
  try {
    parsed = fileSchema.parse(JSON.parse(text));
  } catch {
    throw new Error(`The users file ${file} is malformed, so its users cannot be moved into the metadata database; fix it or remove it`);
  }
  await client.query("BEGIN");
  let imported = 0;
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    const seen = await client.query("SELECT 1 FROM retort.settings WHERE key = $1", [`users-file:${digest}`]);
    if (!seen.rowCount) imported = await insertUsers(client, parsed.users, digest);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  try {
    renameSync(file, `${file}.imported`);
  } catch {
    // Read-only, or another server renamed it first: the digest already prevents a second import.
  }
  return imported;
}

async function insertUsers(client: pg.ClientBase, users: z.infer<typeof fileSchema>["users"], digest: string): Promise<number> {
  let imported = 0;
  for (const user of users) {
    const created = Number.isNaN(Date.parse(user.createdAt)) ? new Date() : new Date(user.createdAt);
    const { rowCount } = await client.query(
      `INSERT INTO retort.users (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (lower(name)) DO NOTHING`,
      [user.name, user.role, user.passwordHash, created],
    );
    imported += rowCount ?? 0;
  }
  await client.query("INSERT INTO retort.settings (key, value) VALUES ($1, $2)", [`users-file:${digest}`, new Date().toISOString()]);
  await appendLocked(client, { kind: "users-imported", actor: "system", subject: "users file", detail: { imported, inFile: users.length } });
  return imported;
}
