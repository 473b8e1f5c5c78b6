import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { withScryptSlot } from "./scrypt-gate";

// Passwords are stored as "scrypt$N$r$p$salt$hash" (base64url salt and hash), so the cost can
// be raised later without invalidating existing hashes.

const DEFAULTS = { N: 32768, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
// Bounds for parameters read back from the file: a corrupted entry must not eat the server's memory.
const MAX_N = 1 << 20;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return withScryptSlot(() => new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  }));
}

export async function hashPassword(password: string, params = DEFAULTS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

interface ParsedHash {
  params: { N: number; r: number; p: number };
  salt: Buffer;
  key: Buffer;
}

function parseHash(encoded: string): ParsedHash | null {
  const parts = encoded.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const valid = [N, r, p].every((n) => Number.isInteger(n) && n > 0) && N <= MAX_N && (N & (N - 1)) === 0 && r <= 32 && p <= 16;
  if (!valid) return null;
  const salt = Buffer.from(parts[4]!, "base64url");
  const key = Buffer.from(parts[5]!, "base64url");
  if (salt.length < 8 || key.length !== KEY_LENGTH) return null;
  return { params: { N, r, p }, salt, key };
}

/** Constant-time comparison of a password against a stored hash; a malformed hash never matches. */
export async function verifyPasswordHash(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/**
 * Verified against when the user does not exist, so a wrong name costs as much as a wrong
 * password: random bytes in the hash format match no password, and cost a full derivation.
 */
export function dummyPasswordHash(): string {
  const { N, r, p } = DEFAULTS;
  return ["scrypt", N, r, p, randomBytes(SALT_BYTES).toString("base64url"), randomBytes(KEY_LENGTH).toString("base64url")].join("$");
}

const COMMON = new Set(["password", "password1", "password123", "passw0rd", "letmein", "welcome", "qwerty", "qwertyuiop", "admin", "administrator", "changeme", "iloveyou", "123456789", "1234567890", "secret", "retort"]);
export const MIN_PASSWORD_LENGTH = 10;

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, userName: string): string | null {
  if (password.trim().length === 0) return "The password is empty.";
  if (password.length < MIN_PASSWORD_LENGTH) return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 1024) return "The password is longer than 1024 characters.";
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(lower.replace(/\d+$/, ""))) return "The password is too common.";
  if (userName.length >= 3 && lower.includes(userName.toLowerCase())) return "The password must not contain the user name.";
  if (new Set(password).size < 4) return "The password repeats too few different characters.";
  return null;
}
