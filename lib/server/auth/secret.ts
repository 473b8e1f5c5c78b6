import "server-only";
import { randomBytes } from "node:crypto";
import { createPrivateFileExclusive, dataFile, readPrivateFile } from "./secure-file";

// The key that signs session cookies: RETORT_SESSION_SECRET, else one generated on first use
// into .retort/session-secret (0600) and kept, so sessions survive restarts.

const MIN_LENGTH = 32;
let cached: { file: string; secret: string } | null = null;

export function sessionSecret(): string {
  const fromEnvironment = process.env.RETORT_SESSION_SECRET;
  if (fromEnvironment !== undefined && fromEnvironment !== "") {
    if (fromEnvironment.length < MIN_LENGTH) {
      throw new Error(`RETORT_SESSION_SECRET must be at least ${MIN_LENGTH} characters long`);
    }
    return fromEnvironment;
  }
  const file = dataFile("session-secret");
  if (cached?.file === file) return cached.secret;
  createPrivateFileExclusive(file, `${randomBytes(32).toString("base64url")}\n`);
  const secret = (readPrivateFile(file) ?? "").trim();
  if (secret.length < MIN_LENGTH) throw new Error(`The session secret file ${file} is too short; delete it to generate a new one`);
  cached = { file, secret };
  return secret;
}
