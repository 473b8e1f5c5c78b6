import type { Result } from "../../core/types";
import type { ParsedArgs } from "../args";
import type { LoadedProject } from "../context";
import { CliError } from "../output";
import { describeProblem, isError } from "./problems";

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CliError(result.error.code, result.error.message);
  return result.value;
}

export function singleTarget(args: ParsedArgs, command: string): string {
  if (args.positionals.length !== 1) {
    throw new CliError("usage", `retort ${command} takes exactly one target revision (e.g. heads, head, <rev>, +1)`, 2);
  }
  return args.positionals[0]!;
}

/** Alembic refuses every command on a broken directory; so do actions, naming what is wrong. */
export function refuseOnGraphErrors(project: LoadedProject, allowed: string[] = []): void {
  const errors = [...project.directory.problems, ...project.map.problems].filter((p) => isError(p) && !allowed.includes(p.kind));
  if (errors.length === 0) return;
  const lines = errors.slice(0, 10).map((p) => `  - ${describeProblem(p)}`);
  const more = errors.length > 10 ? [`  … and ${errors.length - 10} more`] : [];
  throw new CliError("graph-problems", ["The migration directory has problems; fix them first:", ...lines, ...more].join("\n"));
}
