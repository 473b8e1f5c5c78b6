import "server-only";
import { appendWithClient, type AuditRecordInput, type AuditRow } from "./audit-chain";
import { withMeta } from "./pool";

export type { AuditRecordInput, AuditRow } from "./audit-chain";

/**
 * The one way to add to Retort's own audit trail (action runs, merges, approval decisions,
 * auth events): appended, chained to the row before, never updated. Throws when the metadata
 * database is unavailable; callers that must not fail on it catch.
 */
export async function appendAuditRecord(input: AuditRecordInput): Promise<AuditRow> {
  return withMeta((client) => appendWithClient(client, input));
}
