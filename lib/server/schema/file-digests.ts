import "server-only";
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";

// SHA-256 of revision files: what checksums record and what keys the expected-schema cache.
// Remembered per (path, size, mtime), so a second look at a long history reads nothing.

const memo = new Map<string, { stamp: string; digest: string }>();

/** The file's SHA-256 in hex, or null when it does not exist. */
export function fileDigest(file: string): string | null {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info) return null;
  const stamp = `${info.size}:${info.mtimeMs}`;
  const known = memo.get(file);
  if (known?.stamp === stamp) return known.digest;
  const digest = createHash("sha256").update(readFileSync(file)).digest("hex");
  memo.set(file, { stamp, digest });
  return digest;
}

/** The digest of each revision's file, by revision id (null for a revision whose file is gone). */
export function revisionDigests(root: string, sources: Iterable<{ revision: string; path: string }>): Map<string, string | null> {
  const digests = new Map<string, string | null>();
  for (const source of sources) digests.set(source.revision, fileDigest(path.join(root, source.path)));
  return digests;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
