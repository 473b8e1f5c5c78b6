// Checksums of applied revisions: the SHA-256 of each revision's file, recorded in
// retort_revision when Retort applies or stamps it, against the file as it is now.
import type { RevisionMap } from "../graph/revision-map";
import { compareText } from "./normalise";

export interface ChecksumRecord {
  revision: string;
  path: string;
  sha256: string;
}

export type ChecksumState = "edited" | "missing-file";

export interface ChecksumFinding {
  revision: string;
  state: ChecksumState;
  /** The file as recorded (relative to the project), when a record exists. */
  path: string | null;
  recorded: string | null;
  /** The file's digest now; null when it is gone. */
  current: string | null;
}

/**
 * "edited": an applied revision's file no longer has the digest recorded when it was applied.
 * "missing-file": a version row, or a recorded revision, whose file is no longer in the directory.
 * Records of revisions the rows do not include (downgraded since) say nothing, unless a row is
 * unknown, when what is applied below it cannot be told.
 */
export function compareChecksums(input: {
  map: RevisionMap;
  rows: readonly string[];
  records: readonly ChecksumRecord[];
  /** Current digest of each revision's file, by revision id (null when the file is gone). */
  digests: ReadonlyMap<string, string | null>;
}): ChecksumFinding[] {
  const { map, rows, records, digests } = input;
  const findings = new Map<string, ChecksumFinding>();
  for (const row of rows) {
    if (!map.get(row)) findings.set(row, { revision: row, state: "missing-file", path: null, recorded: null, current: null });
  }
  const applied = map.ancestors(rows);
  // A row the directory no longer has hides what lies below it: every record is checked then.
  const rowsKnown = rows.every((row) => map.get(row));
  for (const record of records) {
    const known = map.get(record.revision);
    if (!known) {
      findings.set(record.revision, { revision: record.revision, state: "missing-file", path: record.path, recorded: record.sha256, current: null });
      continue;
    }
    if (rowsKnown && !applied.has(record.revision)) continue;
    const current = digests.get(record.revision) ?? null;
    if (current === record.sha256) continue;
    findings.set(record.revision, { revision: record.revision, state: current === null ? "missing-file" : "edited", path: record.path, recorded: record.sha256, current });
  }
  return [...findings.values()].sort((a, b) => compareText(a.revision, b.revision));
}
