// Expected failures of the revision engine. Thrown inside lib/core, turned into
// `Result` values at the public boundary by `toResult`.
import type { Result, RevisionErrorCode, RevisionErrorData } from "./types";

export interface RevisionErrorDetails {
  /** MultipleHeads: the heads found, and the argument Alembic names in its message. */
  heads?: string[];
  argument?: string;
}

export class RevisionError extends Error {
  readonly code: RevisionErrorCode;
  readonly revisions?: string[];
  readonly heads?: string[];
  readonly argument?: string;

  constructor(code: RevisionErrorCode, message: string, revisions?: string[], details: RevisionErrorDetails = {}) {
    super(message);
    this.name = "RevisionError";
    this.code = code;
    if (revisions && revisions.length > 0) this.revisions = revisions;
    this.heads = details.heads;
    this.argument = details.argument;
  }

  toData(): RevisionErrorData {
    return this.revisions ? { code: this.code, message: this.message, revisions: this.revisions } : { code: this.code, message: this.message };
  }
}

/** Runs `fn`, returning its value or the RevisionError it threw; anything else is a bug and propagates. */
export function toResult<T>(fn: () => T): Result<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (error instanceof RevisionError) return { ok: false, error: error.toData() };
    throw error;
  }
}

/** Unwraps a Result inside the engine, re-throwing its error (for composing public functions). */
export function unwrapResult<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new RevisionError(result.error.code, result.error.message, result.error.revisions);
}

/**
 * Alembic's CLI replaces every resolution error with this text (ScriptDirectory._catch_revision_errors);
 * the hint in parentheses says what actually went wrong.
 */
export function cantLocate(
  code: RevisionErrorCode,
  argument: string,
  hint: string,
  revisions?: string[],
): RevisionError {
  return new RevisionError(code, `Can't locate revision identified by '${argument}' (${hint})`, revisions, { argument });
}

/** Alembic's CLI wording of MultipleHeads, with the argument as the command saw it. */
export function multipleHeadsMessage(argument: string): string {
  return (
    `Multiple head revisions are present for given argument '${argument}'; please specify a specific ` +
    `target revision, '<branchname>@${argument}' to narrow to a specific head, or 'heads' for all heads`
  );
}

export function multipleHeads(heads: string[], argument: string): RevisionError {
  return new RevisionError("multiple-heads", multipleHeadsMessage(argument), heads, { heads, argument });
}

/**
 * Runs `fn` and rewords a MultipleHeads error the way a command does: upgrade and downgrade name
 * the destination as typed, stamp uses its own sentence (ScriptDirectory._upgrade_revs/_stamp_revs).
 */
export function rewordMultipleHeads<T>(fn: () => T, reword: (error: RevisionError) => string): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof RevisionError && error.code === "multiple-heads") {
      throw new RevisionError("multiple-heads", reword(error), error.revisions, { heads: error.heads, argument: error.argument });
    }
    throw error;
  }
}
