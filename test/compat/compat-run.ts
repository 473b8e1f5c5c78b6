/** One seed of the differential test: generate a project, run the same operations on both sides. */
import path from "node:path";
import { alembicOutcome, runAlembicJob } from "./alembic-side";
import { compareOutcomes, mismatchReport } from "./compare";
import { generateAlembicProject, type GeneratedProject } from "./generate-project";
import type { Operation, Outcome } from "./operations";
import { pickOperations } from "./pick-cases";
import { createRng } from "./prng";
import { loadRetortProject, runRetortOperation } from "./retort-side";

export interface SeedSummary {
  seed: number;
  size: number;
  compared: number;
  agreements: number;
  /** Alembic crashed where Retort answered (e.g. §5's stamp KeyError); counted, not judged. */
  alembicCrashes: string[];
  /** Same steps in another order where Alembic's order is Python set order (2+ depends_on). */
  setOrderDifferences: string[];
  mismatches: string[];
}

export async function runCompatSeed(args: { seed: number; size: number; counts: { upgrade: number; downgrade: number; stamp: number };
  databaseUrl: string; workDir: string }): Promise<SeedSummary> {
  const { seed, size } = args;
  const project = generateAlembicProject({ seed, size, dir: path.join(args.workDir, `seed-${seed}`) });
  const ops = pickOperations(createRng(seed * 7919 + 1), project, args.counts);
  const summary: SeedSummary = { seed, size, compared: 0, agreements: 0, alembicCrashes: [], setOrderDifferences: [], mismatches: [] };
  const retort = await loadRetortProject({ alembicIni: project.alembicIni });
  if (retort.problems.length > 0 || retort.revisionCount !== project.revisions.length) {
    summary.mismatches.push(loadReport(project, retort.revisionCount, retort.problems.map((p) => `${p.path ?? ""}: ${p.message}`)));
    return summary;
  }
  const results = await runAlembicJob({ alembicIni: project.alembicIni, databaseUrl: args.databaseUrl, operations: ops });
  const setOrdered = new Set(project.revisions.filter((r) => r.dependencyIds.length > 1).map((r) => r.revision));
  ops.forEach((op, i) => record(summary, op, alembicOutcome(results[i]!), runRetortOperation(retort, op), setOrdered));
  return summary;
}

function record(summary: SeedSummary, op: Operation, alembic: Outcome, retort: Outcome, setOrdered: ReadonlySet<string>): void {
  summary.compared++;
  const verdict = compareOutcomes(op, alembic, retort, { setOrdered });
  if (verdict.kind === "agree") summary.agreements++;
  else if (verdict.kind === "alembic-crash") summary.alembicCrashes.push(verdict.detail);
  else if (verdict.kind === "set-order") summary.setOrderDifferences.push(verdict.detail);
  else summary.mismatches.push(mismatchReport({ seed: summary.seed, size: summary.size, op, alembic, retort, reason: verdict.reason }));
}

function loadReport(project: GeneratedProject, loaded: number, problems: string[]): string {
  return [
    `compat mismatch (seed ${project.seed}, ${project.revisions.length} revisions): Alembic loads the project, Retort read ${loaded} revisions`,
    ...problems.slice(0, 10).map((p) => `  problem: ${p}`),
  ].join("\n");
}

export function summaryLine(s: SeedSummary): string {
  return `compat seed ${s.seed} (${s.size} revisions): ${s.compared} ops compared, ${s.agreements} agree, ` +
    `known divergences: ${s.alembicCrashes.length} Alembic crashes, ${s.setOrderDifferences.length} Python-set orders; ` +
    `${s.mismatches.length} mismatches`;
}
