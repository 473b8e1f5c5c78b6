import type { UnmodelledEntry } from "../schema/diff";
import type { DifferenceGroup } from "../schema/drift-groups";

// What the dashboard shows of a database's drift (issue 8): lib/server/drift-view builds these.

export type DriftSummary =
  | { state: "matches"; revisions: string[]; checkedAt: string }
  | { state: "differs"; revisions: string[]; differences: number; checksums: number; checkedAt: string }
  | { state: "baseline"; reason: "no-version-table" | "unknown-rows"; why: string; best: { revision: string; differences: number } | null; checkedAt: string }
  | { state: "not-compared"; why: string; checkedAt: string };

export interface BaselineCandidateView {
  revision: string;
  rows: string[];
  differences: number;
  groups: DifferenceGroup[];
}

export interface DriftPageView {
  env: string;
  summary: DriftSummary;
  groups: DifferenceGroup[];
  unmodelled: UnmodelledEntry[];
  checksums: { revision: string; state: "edited" | "missing-file"; path: string | null }[];
  /** Set when the version rows cannot be compared with (no table, rows Retort cannot locate). */
  baseline: { why: string; candidates: BaselineCandidateView[]; failure: string | null } | null;
  durationMs: number;
}
