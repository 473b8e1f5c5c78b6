// Keeps problem lists readable: a binary or generated file can yield thousands of findings, and
// a page or terminal full of them hides the one that matters.
import type { Problem } from "./types";

export const MAX_PROBLEMS_PER_FILE = 20;
export const MAX_PROBLEMS = 200;

/** The first `perFile` problems of each file and `total` overall; each cut is one problem with a count. */
export function capProblems(problems: Problem[], perFile = MAX_PROBLEMS_PER_FILE, total = MAX_PROBLEMS): Problem[] {
  if (problems.length <= Math.min(perFile, total)) return problems;
  const counts = new Map<string, number>();
  const cuts = new Map<string, { problem: Problem; count: number }>();
  const out: Problem[] = [];
  for (const problem of problems) {
    const key = problem.path ?? "";
    const seen = (counts.get(key) ?? 0) + 1;
    counts.set(key, seen);
    if (seen <= perFile || problem.kind === "too-many-problems") {
      out.push(problem);
      continue;
    }
    let cut = cuts.get(key);
    if (!cut) {
      cut = { problem: summary("", "warning", problem.path), count: 0 };
      cuts.set(key, cut);
      out.push(cut.problem);
    }
    cut.count++;
    if (problem.severity !== "warning") cut.problem.severity = "error";
  }
  for (const [key, cut] of cuts) cut.problem.message = `${cut.count} more problem(s) in ${key || "this project"} are not listed`;
  if (out.length <= total) return out;
  const rest = out.slice(total);
  const hidden = rest.reduce((n, p) => n + (p.kind === "too-many-problems" ? (cuts.get(p.path ?? "")?.count ?? 1) : 1), 0);
  const severity = rest.some((p) => p.severity !== "warning") ? "error" : "warning";
  return [...out.slice(0, total), summary(`${hidden} more problem(s) in this project are not listed`, severity)];
}

function summary(message: string, severity: Problem["severity"], path?: string): Problem {
  const problem: Problem = { kind: "too-many-problems", message, severity, fix: "Fix the problems listed first; the rest are often the same mistake repeated." };
  if (path !== undefined) problem.path = path;
  return problem;
}
