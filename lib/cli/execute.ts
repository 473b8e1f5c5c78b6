// Running a plan against a real database from the CLI, through the same executors as the dashboard.
import os from "node:os";
import type { MigrationPlan, RevisionSource, StampPlan } from "../core/types";
import { resolveAlembicCommand, resolveIniCommand } from "../server/actions/alembic-command";
import { runAlembicPlan } from "../server/actions/alembic-runner";
import { connector } from "../server/db/connect";
import type { ChecksumHook } from "../server/executor/checksums";
import { type ExecutionResult, executeMigrationPlan, executeStampPlan } from "../server/sql-executor";
import { boolFlag, type ParsedArgs, stringFlag } from "./args";
import type { LoadedProject } from "./context";
import type { VersionTarget } from "./version-target";
import { CliError, type Output } from "./output";

type DatabaseTarget = Extract<VersionTarget, { kind: "database" }>;

/** The CLI honours an environment's protection the way the dashboard does, minus approvals. */
function checkProtection(target: DatabaseTarget, args: ParsedArgs): void {
  if (target.protection === "readonly") {
    throw new CliError("forbidden", `Environment ${target.name} is read-only; no action can change it`);
  }
  if (target.protection === "approval") {
    throw new CliError("forbidden", `Environment ${target.name} needs a second person's approval: request the action from the dashboard`);
  }
  if (target.protection === "confirm" && stringFlag(args, "confirm") !== target.name) {
    throw new CliError("confirmation-required", `Environment ${target.name} is protected: repeat its name with --confirm ${target.name}`);
  }
}

function actor(): string {
  return `cli:${process.env.RETORT_ACTOR ?? os.userInfo().username}`;
}

/** What both executors report: the SQL executor's ExecutionResult and the Alembic runner's result. */
type RunReport = Omit<ExecutionResult, "steps" | "code"> & {
  code?: string;
  steps: Array<{ revision: string; direction: string; status: string; durationMs: number; error?: { message: string } }>;
};

function report(result: RunReport, out: Output, extra: Record<string, unknown>): number {
  for (const step of result.steps) {
    const error = step.error ? `: ${step.error.message}` : "";
    out.line(`  ${step.status.padEnd(11)} ${step.direction === "up" ? "upgrade" : "downgrade"} ${step.revision} (${step.durationMs} ms)${error}`);
  }
  out.line(`rows: ${result.rowsBefore.join(", ") || "(empty)"} -> ${result.rowsAfter.join(", ") || "(empty)"}`);
  if (!result.ok) {
    const held = result.heldBy ? ` (held by ${result.heldBy}${result.since ? ` since ${result.since}` : ""})` : "";
    throw new CliError(result.code ?? "failed", `${result.message ?? "The action failed"}${held}`);
  }
  out.result({ ...extra, before: [...result.rowsBefore].sort(), after: [...result.rowsAfter].sort() });
  return 0;
}

export async function executeMigration(options: {
  project: LoadedProject;
  target: DatabaseTarget;
  plan: MigrationPlan;
  expectedRows: string[];
  args: ParsedArgs;
  out: Output;
}): Promise<number> {
  const { project, target, plan, args, out } = options;
  checkProtection(target, args);
  if (project.directory.format !== "sql") return runAlembic(options);
  const sources = new Map<string, RevisionSource>(project.map.revisions.map((r) => [r.revision, r]));
  const result = await executeMigrationPlan({
    connection: connector(target.url, { create: plan.kind === "upgrade" }),
    secrets: target.url.secrets,
    target: { table: target.table, schema: target.schema },
    plan,
    sources,
    expectedRows: options.expectedRows,
    transactionMode: boolFlag(args, "single-transaction") ? "single" : "per-step",
    actor: actor(),
    checksums: checksumHook(project),
  });
  const steps = plan.steps.map((s) => ({ revision: s.revision, direction: s.direction }));
  return report(result, out, { steps });
}

/** Alembic projects run the real `alembic` (configured, or `python -m alembic -c <ini>`), under the same lock. */
async function runAlembic(options: { project: LoadedProject; target: DatabaseTarget; plan: MigrationPlan; expectedRows: string[]; out: Output }): Promise<number> {
  const { project, target, plan, out } = options;
  const command = project.config ? resolveAlembicCommand(project.config) : resolveIniCommand(project.directory.alembicIni);
  if (!command.ok) throw new CliError("alembic-unavailable", command.reason);
  const result = await runAlembicPlan({
    database: { name: target.name, url: target.url, connection: connector(target.url, { create: plan.kind === "upgrade" }) },
    target: { table: target.table, schema: target.schema },
    command: command.command,
    plan,
    expectedRows: options.expectedRows,
    actor: actor(),
    checksums: checksumHook(project),
  });
  if (result.output.trim()) out.line(result.output.trimEnd());
  const steps = plan.steps.map((s) => ({ revision: s.revision, direction: s.direction }));
  return report(result, out, { steps });
}

/** Digests of applied and stamped revision files go to retort_revision beside the version table. */
function checksumHook(project: LoadedProject): ChecksumHook {
  return { root: project.directory.root, map: project.map, sources: new Map(project.directory.sources.map((s) => [s.revision, s])) };
}

export async function executeStamp(options: {
  project?: LoadedProject;
  target: DatabaseTarget;
  plan: StampPlan;
  expectedRows: string[];
  args: ParsedArgs;
  out: Output;
}): Promise<number> {
  const { target, plan, args, out } = options;
  checkProtection(target, args);
  const result = await executeStampPlan({
    connection: connector(target.url, { create: true }),
    secrets: target.url.secrets,
    target: { table: target.table, schema: target.schema },
    plan,
    expectedRows: options.expectedRows,
    actor: actor(),
    ...(options.project ? { checksums: checksumHook(options.project) } : {}),
  });
  return report(result, out, {});
}
