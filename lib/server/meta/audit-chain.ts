import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import { AUDIT_APPEND_LOCK } from "./schema";

// The audit trail's chain: row N's hash is SHA-256 over its own fields and row N-1's hash, so a
// row changed, removed or inserted afterwards breaks every hash from there on. Sequence numbers
// are assigned under a lock (not by a sequence, whose rolled-back values would look like gaps).

export const GENESIS_HASH = "0".repeat(64);

export type AuditDetail = { [key: string]: AuditValue };
type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };

export interface AuditRecordInput {
  /** What happened, e.g. `sign-in`, `sign-in-failed`, `approval-requested`, `upgrade`. */
  kind: string;
  /** Who did it (a user name, or `system`). */
  actor: string;
  environment?: string | null;
  /** What it was done to: a user, `request preprod:12`, a revision. */
  subject?: string | null;
  detail?: AuditDetail;
}

export interface AuditRow {
  seq: number;
  recordedAt: string;
  kind: string;
  actor: string;
  environment: string | null;
  subject: string | null;
  detail: AuditDetail;
  prevHash: string;
  hash: string;
}

/** A row of retort.audit_trail as node-postgres returns it. */
export interface AuditDbRow {
  seq: string;
  recorded_at: Date;
  kind: string;
  actor: string;
  environment: string | null;
  subject: string | null;
  detail: AuditDetail;
  prev_hash: string;
  hash: string;
}

/** JSON with object keys sorted at every level: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function rowHash(row: Omit<AuditRow, "hash">): string {
  const fields = [row.seq, row.recordedAt, row.kind, row.actor, row.environment, row.subject, row.detail, row.prevHash];
  return createHash("sha256").update(canonicalJson(fields)).digest("hex");
}

// PostgreSQL text and jsonb refuse NUL characters; a record must never fail to be written.
const noNul = (text: string) => text.replace(/\u0000/g, "");
const clip = (text: string | null | undefined, max: number) => (text == null ? null : noNul(text).slice(0, max));

function cleanDetail(value: unknown): AuditValue {
  if (typeof value === "string") return noNul(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "boolean" || value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map(cleanDetail);
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [noNul(k), cleanDetail(v)]));
  }
  return String(value);
}

/** Append one record; `client` may be inside a transaction, whose commit then covers the row. */
export async function appendWithClient(client: pg.ClientBase, input: AuditRecordInput): Promise<AuditRow> {
  await client.query("BEGIN");
  try {
    const row = await appendLocked(client, input);
    await client.query("COMMIT");
    return row;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** The same, for a caller already inside a transaction on `client`. */
export async function appendLocked(client: pg.ClientBase, input: AuditRecordInput): Promise<AuditRow> {
  await client.query("SELECT pg_advisory_xact_lock($1)", [AUDIT_APPEND_LOCK]);
  const { rows } = await client.query<{ seq: string; hash: string }>("SELECT seq, hash FROM retort.audit_trail ORDER BY seq DESC LIMIT 1");
  const previous = rows[0];
  // Milliseconds, as timestamptz keeps them and Date gives them back: the hash must round-trip.
  const base = {
    seq: previous ? Number(previous.seq) + 1 : 1,
    recordedAt: new Date().toISOString(),
    kind: clip(input.kind, 64)!,
    actor: clip(input.actor, 200)!,
    environment: clip(input.environment, 64),
    subject: clip(input.subject, 500),
    detail: cleanDetail(input.detail ?? {}) as AuditDetail,
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  const row: AuditRow = { ...base, hash: rowHash(base) };
  await client.query(
    `INSERT INTO retort.audit_trail (seq, recorded_at, kind, actor, environment, subject, detail, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [row.seq, row.recordedAt, row.kind, row.actor, row.environment, row.subject, canonicalJson(row.detail), row.prevHash, row.hash],
  );
  return row;
}
