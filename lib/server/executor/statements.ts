import "server-only";
import { sqlStatements } from "../../core/read/sql-statements";
import { DbError } from "../db/errors";
import type { DbErrorInfo } from "../db/types";
import { describeError } from "./session";
import type { Session } from "./session";

// A step's body runs one statement at a time: a failure then names its statement and its line
// in the revision file, a cancel takes effect between statements, and on a backend that
// commits DDL implicitly (MySQL) Retort knows exactly which statements stayed.

const STATEMENT_CLIP = 400;
// Statements after which MySQL has committed implicitly (CREATE TEMPORARY TABLE does not).
const IMPLICIT_COMMIT = /^(?:CREATE(?!\s+TEMPORARY)|ALTER|DROP|RENAME|TRUNCATE|GRANT|REVOKE|LOCK\s+TABLES|UNLOCK\s+TABLES)\b/i;

export class StepFailure extends Error {
  constructor(
    readonly info: DbErrorInfo,
    /** Statements of the step that ran and stay applied (not undone by the rollback). */
    readonly stayed: number,
    readonly total: number,
  ) {
    super(info.message);
    this.name = "StepFailure";
  }
}

export interface BodyOptions {
  /** File line where the body's text begins. */
  line: number | undefined;
  /** Inside a transaction the session opened (false: each statement commits on its own). */
  inTransaction: boolean;
}

export async function runStatements(session: Session, body: string, options: BodyOptions): Promise<number> {
  const { conn, dialect } = session;
  const statements = sqlStatements(body, dialect.splitOptions);
  let stayed = 0;
  for (const [index, statement] of statements.entries()) {
    const cancelledBy = session.run.cancelledBy();
    const at = { statement: clip(statement.text), ...(options.line ? { line: options.line + linesBefore(body, statement.offset) } : {}) };
    if (cancelledBy) {
      const stays = options.inTransaction ? stayed : index;
      throw new StepFailure({ code: "cancelled", message: `cancelled by ${cancelledBy} before this statement`, ...at }, stays, statements.length);
    }
    try {
      await conn.query(statement.text);
    } catch (error) {
      const info = describeError(error, session.secrets);
      const cancelled = cancelledBy ?? session.run.cancelledBy();
      throw new StepFailure(
        cancelled ? { ...info, ...at, code: "cancelled", message: `cancelled by ${cancelled}: ${info.message}` } : { ...info, ...at },
        options.inTransaction ? stayed : index,
        statements.length,
      );
    }
    // MySQL ended the transaction with that statement: what ran so far stays, and a new one starts.
    if (options.inTransaction && !dialect.transactionalDdl && IMPLICIT_COMMIT.test(stripComments(statement.text))) {
      stayed = index + 1;
      await conn.begin();
    }
  }
  return statements.length;
}

function linesBefore(body: string, offset: number): number {
  let count = 0;
  for (let i = 0; i < offset; i++) if (body.charCodeAt(i) === 10) count++;
  return count;
}

function clip(text: string): string {
  return text.length > STATEMENT_CLIP ? `${text.slice(0, STATEMENT_CLIP)}…` : text;
}

function stripComments(text: string): string {
  return text.replace(/^(?:\s+|--[^\n]*\n?|#[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, "");
}

/** A cancel that arrived between steps. */
export function cancelledBetweenSteps(session: Session): DbError | null {
  const by = session.run.cancelledBy();
  return by ? new DbError("cancelled", `cancelled by ${by} before this step`) : null;
}
