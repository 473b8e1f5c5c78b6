import "server-only";
import type pg from "pg";
import { type AuditRow, type AuditDbRow as DbRow, GENESIS_HASH, rowHash } from "./audit-chain";
import { withMeta } from "./pool";

// `retort audit verify`: walk the trail in order, recompute every hash, and name the first row
// that was changed, removed or inserted. Rows are read in batches, so the walk's memory does not
// grow with the trail. Truncating the newest rows leaves a valid (shorter) chain: compare the
// head it reports with one noted earlier (`--head SEQ:HASH`) to catch that too.

export type AuditProblem =
  | { kind: "missing"; seq: number; message: string }
  | { kind: "tampered"; seq: number; message: string }
  | { kind: "relinked"; seq: number; message: string }
  | { kind: "head-mismatch"; seq: number; message: string };

export interface AuditVerification {
  ok: boolean;
  rows: number;
  head: { seq: number; hash: string } | null;
  problem: AuditProblem | null;
  /** The append-only triggers are missing or disabled (rows can then be changed silently). */
  unguarded: boolean;
}

const BATCH = 1000;


const toRow = (r: DbRow): AuditRow => ({
  seq: Number(r.seq), recordedAt: r.recorded_at.toISOString(), kind: r.kind, actor: r.actor,
  environment: r.environment, subject: r.subject, detail: r.detail, prevHash: r.prev_hash, hash: r.hash,
});

/** The first problem in one row, given the row before it (null for the first row). */
export function checkRow(row: AuditRow, previous: { seq: number; hash: string } | null): AuditProblem | null {
  const expectedSeq = (previous?.seq ?? 0) + 1;
  if (row.seq > expectedSeq) {
    const gap = row.seq - expectedSeq === 1 ? `row ${expectedSeq} is missing` : `rows ${expectedSeq}–${row.seq - 1} are missing`;
    return { kind: "missing", seq: expectedSeq, message: `Audit trail broken: ${gap} (the trail jumps from ${expectedSeq - 1} to ${row.seq}).` };
  }
  const { hash, ...fields } = row;
  if (rowHash(fields) !== hash) {
    return { kind: "tampered", seq: row.seq, message: `Audit trail broken: row ${row.seq} (${row.kind} by ${row.actor}) was changed after it was written: its hash does not match its contents.` };
  }
  if (row.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
    if (!previous) return { kind: "relinked", seq: row.seq, message: `Audit trail broken: row ${row.seq}, the first, does not start the chain: rows before it were removed or it was replaced.` };
    return { kind: "relinked", seq: previous.seq, message: `Audit trail broken: row ${previous.seq} was replaced or re-hashed after row ${row.seq} was written (row ${row.seq} no longer follows it).` };
  }
  return null;
}

export async function verifyAuditTrail(options: { head?: { seq: number; hash: string } } = {}): Promise<AuditVerification> {
  return withMeta(async (client) => {
    const unguarded = await triggersMissing(client);
    let previous: { seq: number; hash: string } | null = null;
    let rows = 0;
    let noted: string | null = null;
    for (;;) {
      const batch = await client.query<DbRow>("SELECT * FROM retort.audit_trail WHERE seq > $1 ORDER BY seq LIMIT $2", [previous?.seq ?? 0, BATCH]);
      for (const raw of batch.rows) {
        const row = toRow(raw);
        const problem = checkRow(row, previous);
        if (problem) return { ok: false, rows, head: previous, problem, unguarded };
        if (options.head && row.seq === options.head.seq) noted = row.hash;
        previous = { seq: row.seq, hash: row.hash };
        rows += 1;
      }
      if (batch.rows.length < BATCH) break;
    }
    const headProblem = options.head ? checkHead(options.head, noted, previous) : null;
    return { ok: headProblem === null, rows, head: previous, problem: headProblem, unguarded };
  });
}

function checkHead(expected: { seq: number; hash: string }, found: string | null, last: { seq: number } | null): AuditProblem | null {
  if (found === expected.hash) return null;
  const message = found === null
    ? `Audit trail broken: row ${expected.seq}, noted earlier as the head, is gone (the trail now ends at ${last?.seq ?? 0}).`
    : `Audit trail broken: row ${expected.seq} no longer has the hash noted earlier; the trail was rewritten from there.`;
  return { kind: "head-mismatch", seq: expected.seq, message };
}

async function triggersMissing(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_trigger
      WHERE tgrelid = 'retort.audit_trail'::regclass AND tgname IN ('audit_trail_no_update', 'audit_trail_no_truncate') AND tgenabled <> 'D'`,
  );
  return rows[0]!.n < 2;
}
