import { renderOfflineSql } from "../../core/render/offline-sql";
import { planDowngrade } from "../../core/plan/plan-downgrade";
import { planUpgrade } from "../../core/plan/plan-upgrade";
import type { MigrationPlan, RevisionSource } from "../../core/types";
import { boolFlag, type ParsedArgs } from "../args";
import { type LoadedProject, loadProject, resolveVersionTarget } from "../context";
import { versionState } from "../version-state";
import { CliError, type Output } from "../output";
import { refuseOnGraphErrors, singleTarget, unwrap } from "./plan-helpers";

function planFor(kind: "upgrade" | "downgrade", project: LoadedProject, target: string, rows: string[]): MigrationPlan {
  const plan = kind === "upgrade" ? planUpgrade(project.map, { target, rows }) : planDowngrade(project.map, { target, rows });
  return unwrap(plan);
}

function printPlan(plan: MigrationPlan, project: LoadedProject, out: Output): void {
  if (plan.steps.length === 0) out.line(`Nothing to do: the rows (${plan.before.join(", ") || "empty"}) already satisfy '${plan.target}'.`);
  for (const step of plan.steps) {
    const revision = project.map.get(step.revision)!;
    const from = step.direction === "up" ? revision.downRevisions.join(", ") : step.revision;
    const to = step.direction === "up" ? step.revision : revision.downRevisions.join(", ");
    out.line(`Running ${step.direction === "up" ? "upgrade" : "downgrade"} ${from} -> ${to}, ${revision.message}`);
  }
  for (const note of plan.notes) out.line(`note: ${note}`);
}

/** The first line of every dry run, so its output is never mistaken for a run. */
export function dryRunHeader(target: Awaited<ReturnType<typeof resolveVersionTarget>>): string {
  const rows = target.kind === "from" ? `the rows given with --from (${target.rows.join(", ") || "empty"})` : target.kind === "database" ? `${target.name}'s rows` : "an empty version table";
  return `Dry run: nothing is changed. Plan from ${rows}:`;
}

export async function migrateCommand(kind: "upgrade" | "downgrade", args: ParsedArgs, out: Output): Promise<number> {
  const targetRevision = singleTarget(args, kind);
  const versionTarget = await resolveVersionTarget(args, { required: !boolFlag(args, "sql") });
  const project = await loadProject(args);
  refuseOnGraphErrors(project);
  const state = await versionState(versionTarget);
  const plan = planFor(kind, project, targetRevision, state.rows);

  if (boolFlag(args, "sql")) {
    if (project.directory.format !== "sql") {
      throw new CliError("unsupported", "--sql renders native SQL projects; for an Alembic project run `alembic upgrade --sql` itself");
    }
    const sources = new Map<string, RevisionSource>(project.map.revisions.map((r) => [r.revision, r]));
    const table = versionTarget.kind === "database"
      ? { table: versionTarget.table, schema: versionTarget.schema, flavor: versionTarget.url.kind }
      : { table: "alembic_version", schema: null };
    out.flush();
    process.stdout.write(renderOfflineSql({ plan, sources, ...table }));
    return 0;
  }
  const dryRun = boolFlag(args, "dry-run") || versionTarget.kind !== "database";
  if (dryRun) {
    out.line(dryRunHeader(versionTarget));
    printPlan(plan, project, out);
    out.result({ dry_run: true, steps: plan.steps.map((s) => ({ revision: s.revision, direction: s.direction })), before: plan.before, after: plan.after });
    return 0;
  }
  if (versionTarget.kind !== "database") throw new CliError("usage", "Nothing to run against", 2);
  // Nothing is printed before the executor has taken the lock and checked the rows: a refused
  // run must not look as if it had started.
  return (await import("../execute")).executeMigration({ project, target: versionTarget, plan, expectedRows: state.rows, args, out });
}
