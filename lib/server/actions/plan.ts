import "server-only";
import { createVersionTable, inTransaction, literal, renderOfflineSql, type SqlFlavor, sqlName } from "../../core/render/offline-sql";
import { planDowngrade } from "../../core/plan/plan-downgrade";
import { planStamp } from "../../core/plan/plan-stamp";
import { planUpgrade } from "../../core/plan/plan-upgrade";
import type { MigrationPlan, StampPlan, VersionOp } from "../../core/types";
import { stepView } from "../project-cache";
import type { EnvironmentContext } from "./context";
import type { ActionFailure, ActionPreview, ActionRequest, Guard, PreviewStep } from "./views";

// One plan for preview and run: the server plans again from the rows the user saw and compares
// digests, so what runs is exactly what was shown.

export type PlannedAction =
  | { kind: "migration"; request: ActionRequest; plan: MigrationPlan }
  | { kind: "stamp"; request: ActionRequest; plan: StampPlan };

export function planAction(context: EnvironmentContext, request: ActionRequest, rows: string[]): { ok: true; planned: PlannedAction } | ActionFailure {
  const { map } = context.project;
  // A value the static reader could not evaluate (down_revision, depends_on) may change the plan.
  const unreadable = context.project.directory.problems.find((p) => p.kind === "unreadable-value" && p.severity !== "warning");
  if (unreadable && request.kind !== "stamp") return { ok: false, code: "plan:unreadable-value", message: unreadable.message };
  if (request.kind === "stamp") {
    const stamp = planStamp(map, { targets: request.targets, rows, purge: request.purge });
    return stamp.ok ? { ok: true, planned: { kind: "stamp", request, plan: stamp.value } } : planRefusal(stamp.error);
  }
  const planner = request.kind === "downgrade" ? planDowngrade : planUpgrade;
  const migration = planner(map, { target: request.target, rows });
  return migration.ok ? { ok: true, planned: { kind: "migration", request, plan: migration.value } } : planRefusal(migration.error);
}

function planRefusal(error: { code: string; message: string; revisions?: string[] }): ActionFailure {
  return { ok: false, code: `plan:${error.code}`, message: error.message };
}

export function plannedRows(planned: PlannedAction): { before: string[]; after: string[] } {
  return { before: planned.plan.before, after: planned.plan.after };
}

/** A short fingerprint of what a plan will do: its steps (or stamp ops) and its final rows. */
export function planDigest(planned: PlannedAction): string {
  const body =
    planned.kind === "stamp"
      ? planned.plan.ops.map(opText).join(",")
      : planned.plan.steps.map((s) => `${s.direction}:${s.revision}`).join(",");
  return `${planned.request.kind}|${body}|${planned.plan.after.join(",")}`;
}

function opText(op: VersionOp): string {
  return op.op === "update" ? `update:${op.from}>${op.to}` : `${op.op}:${op.revision}`;
}

export function executorOf(context: EnvironmentContext, planned: PlannedAction): "sql" | "alembic" {
  return planned.kind === "migration" && context.format === "alembic" ? "alembic" : "sql";
}

export function buildPreview(
  context: EnvironmentContext,
  planned: PlannedAction,
  extra: { guard: Guard; command: string | null },
): Omit<ActionPreview, "warnings"> {
  const executor = executorOf(context, planned);
  const base = {
    env: context.env.name,
    request: planned.request,
    executor,
    guard: extra.guard,
    rowsBefore: planned.plan.before,
    rowsAfter: planned.plan.after,
    notes: planned.plan.notes,
    planDigest: planDigest(planned),
  };
  if (planned.kind === "stamp") {
    return { ...base, steps: [], stampOps: planned.plan.ops, sql: stampSql(context, planned.plan), command: null };
  }
  const steps: PreviewStep[] = planned.plan.steps.map((step) => stepView(context.project, step));
  const sql =
    executor === "sql"
      ? renderOfflineSql({ plan: planned.plan, sources: context.project.sourcesById, table: context.target.table, schema: context.target.schema, flavor: flavorOf(context) })
      : null;
  return { ...base, steps, stampOps: [], sql, command: executor === "alembic" ? extra.command : null };
}

/** The backend the environment's SQL is shown for. */
function flavorOf(context: EnvironmentContext): SqlFlavor {
  return context.env.database ?? "postgresql";
}

/** A stamp's SQL: only version-table statements, as `alembic stamp --sql` prints them. */
function stampSql(context: EnvironmentContext, plan: StampPlan): string {
  const { table, schema } = context.target;
  const flavor = flavorOf(context);
  const name = schema ? `${sqlName(schema, flavor)}.${sqlName(table, flavor)}` : sqlName(table, flavor);
  const out: string[] = [];
  if (plan.purge || plan.before.length === 0) {
    out.push(createVersionTable(name, sqlName(`${table}_pkc`, flavor)).replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"));
  }
  if (plan.purge) out.push(`DELETE FROM ${name};`);
  for (const op of plan.ops) {
    if (op.op === "insert") out.push(`INSERT INTO ${name} (version_num) VALUES (${literal(op.revision)});`);
    else if (op.op === "update") out.push(`UPDATE ${name} SET version_num=${literal(op.to)} WHERE ${name}.version_num = ${literal(op.from)};`);
    else out.push(`DELETE FROM ${name} WHERE ${name}.version_num = ${literal(op.revision)};`);
  }
  return inTransaction(out, flavor);
}
