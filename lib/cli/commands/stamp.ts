import { planStamp } from "../../core/plan/plan-stamp";
import type { StampPlan, VersionOp } from "../../core/types";
import { boolFlag, type ParsedArgs } from "../args";
import { loadProject, resolveVersionTarget } from "../context";
import { versionState } from "../version-state";
import { CliError, type Output } from "../output";
import { dryRunHeader } from "./migrate";
import { refuseOnGraphErrors, unwrap } from "./plan-helpers";

export function describeOp(op: VersionOp): string {
  if (op.op === "insert") return `INSERT ${op.revision}`;
  if (op.op === "delete") return `DELETE ${op.revision}`;
  return `UPDATE ${op.from} -> ${op.to}`;
}

function printStamp(plan: StampPlan, out: Output, withRows: boolean): void {
  if (plan.purge) out.line("DELETE all rows (--purge)");
  for (const op of plan.ops) out.line(describeOp(op));
  if (plan.ops.length === 0 && !plan.purge) out.line("Nothing to do: the version table already says so.");
  for (const note of plan.notes) out.line(`note: ${note}`);
  if (withRows) out.line(`rows: ${plan.before.join(", ") || "(empty)"} -> ${plan.after.join(", ") || "(empty)"}`);
}

/** `alembic stamp`: write version rows without running migrations. */
export async function stampCommand(args: ParsedArgs, out: Output): Promise<number> {
  if (args.positionals.length === 0) throw new CliError("usage", "retort stamp needs at least one revision (or `base`)", 2);
  const versionTarget = await resolveVersionTarget(args, { required: true });
  const project = await loadProject(args);
  refuseOnGraphErrors(project);
  const state = await versionState(versionTarget);
  const purge = boolFlag(args, "purge");
  const plan = unwrap(planStamp(project.map, { targets: args.positionals, rows: state.rows, purge }));
  if (versionTarget.kind !== "database" || boolFlag(args, "dry-run")) {
    out.line(dryRunHeader(versionTarget));
    printStamp(plan, out, true);
    out.result({ dry_run: true, before: plan.before, after: plan.after });
    return 0;
  }
  // The executor prints the rows it really wrote, once, after taking the lock.
  return (await import("../execute")).executeStamp({ project, target: versionTarget, plan, expectedRows: state.rows, args, out });
}
