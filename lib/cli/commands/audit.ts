// `retort audit verify [--head SEQ:HASH]`: walk Retort's own audit trail and name the first row
// that was changed, removed or inserted after it was written. Exit 0 when the chain is whole,
// 1 when it is broken. Note the head it prints: passing it back later with --head also catches
// the newest rows being cut off, which leaves a shorter chain that is whole.
import { verifyAuditTrail } from "../../server/meta/audit-verify";
import { type ParsedArgs, stringFlag } from "../args";
import { CliError, type Output } from "../output";
import { withMetaCommand } from "./meta-command";

const USAGE = "usage: retort audit verify [--head SEQ:HASH] [--json]";

export async function auditCommand(args: ParsedArgs, out: Output): Promise<number> {
  const [sub, ...rest] = args.positionals;
  if (sub !== "verify" || rest.length > 0) throw new CliError("usage", USAGE, 2);
  const head = parseHead(stringFlag(args, "head"));
  return withMetaCommand(async () => {
    const result = await verifyAuditTrail({ head });
    if (result.unguarded) out.line("WARNING: the audit trail's append-only triggers are missing or disabled.");
    out.result(result);
    if (result.problem) {
      out.line(result.problem.message);
      out.line(`${result.rows} row(s) before it verified.`);
      return 1;
    }
    out.line(`Audit trail intact: ${result.rows} row(s).`);
    if (result.head) out.line(`Head: ${result.head.seq}:${result.head.hash}  (keep it; later, --head ${result.head.seq}:${result.head.hash} also detects removed newest rows)`);
    return 0;
  });
}

function parseHead(value: string | undefined): { seq: number; hash: string } | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{1,15}):([0-9a-f]{64})$/.exec(value.trim());
  if (!match) throw new CliError("usage", "--head takes SEQ:HASH as `retort audit verify` printed it (e.g. 42:3fa9…, 64 hex digits)", 2);
  return { seq: Number(match[1]), hash: match[2]! };
}
