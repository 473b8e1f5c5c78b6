import type { Problem } from "../../core/types";
import type { Output } from "../output";

export function describeProblem(problem: Pick<Problem, "message" | "path" | "line" | "fix">): string {
  const where = problem.path ? `${problem.path}${problem.line ? `:${problem.line}` : ""}: ` : "";
  const fix = problem.fix ? ` (${problem.fix})` : "";
  return `${where}${problem.message}${fix}`;
}

export function isError(problem: Problem): boolean {
  return problem.severity !== "warning";
}

/** Read-only commands still answer on a damaged directory, but say what is wrong on stderr. */
export function warnProblems(problems: Problem[], out: Output): void {
  if (out.json) return;
  for (const problem of problems) process.stderr.write(`warning: ${describeProblem(problem)}\n`);
}
