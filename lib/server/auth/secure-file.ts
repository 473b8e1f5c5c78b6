import "server-only";
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

// Retort's private state (users, session secret, sign-in tokens) lives outside the committed
// configuration, in files only the server's user can read.

/** The directory for private state: RETORT_DATA_DIR, else `.retort` in the working directory. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.RETORT_DATA_DIR ?? ".retort");
}

export function dataFile(name: string): string {
  return path.join(/*turbopackIgnore: true*/ dataDir(), name);
}

/** The file's text, or null when it does not exist. */
export function readPrivateFile(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Replace a file atomically (write a sibling, then rename), readable by the owner only. */
export function writePrivateFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  // The mode passed to writeFileSync is filtered by the umask; make it exact.
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** Create a file only if it does not exist yet; false when another process was first. */
export function createPrivateFileExclusive(file: string, text: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  // link() fails if the name exists, and readers never see a half-written file.
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

export function readJsonFile(file: string): unknown {
  const text = readPrivateFile(file);
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${path.basename(file)} is not valid JSON; fix or remove it`);
  }
}

export function writeJsonFile(file: string, value: unknown): void {
  writePrivateFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
