import "server-only";
import { type Stats, statSync } from "node:fs";

const NO_THROW = { throwIfNoEntry: false } as const;

/** The path's stat, or null when it is missing or cannot be stat-ed (permissions, a bad name). */
export function statOrNull(p: string): Stats | null {
  try {
    return statSync(p, NO_THROW) ?? null;
  } catch {
    return null;
  }
}
