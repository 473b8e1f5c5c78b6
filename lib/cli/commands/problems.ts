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
  for (const problem of problems) process.stderr.write(`${isError(problem) ? "error" : "warning"}: ${describeProblem(problem)}\n`);
}

/** The `problems` array of a JSON answer: code, message, file:line, severity, fix. */
export function problemsJson(problems: Problem[]) {
  return problems.map((p) => ({
    code: p.kind,
    severity: p.severity ?? "error",
    message: p.message,
    ...(p.path ? { path: p.path, file: p.line ? `${p.path}:${p.line}` : p.path } : {}),
    ...(p.line ? { line: p.line } : {}),
    ...(p.revisions ? { revisions: p.revisions } : {}),
    ...(p.fix ? { fix: p.fix } : {}),
  }));
}

/** Exit status of a read-only command: what it could print was printed; errors still fail it. */
export function exitFor(problems: Problem[]): number {
  return problems.some(isError) ? 1 : 0;
}
