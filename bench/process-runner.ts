// Whole-process timings: spawn, start to exit, as a user or CI runs a command. Medians of N runs
// after one warm-up run; commands of a comparison are interleaved so load drifts hit both alike.
import { spawnSync } from "node:child_process";
import { median } from "./harness";

export interface Command {
  label: string;
  argv: string[];
  cwd: string;
  env?: Record<string, string>;
  /** Run before every timed run (e.g. empty a cache); not timed. */
  before?: () => void;
}

export function runOnce(command: Command): number {
  command.before?.();
  const [program, ...args] = command.argv;
  const start = performance.now();
  const result = spawnSync(program!, args, { cwd: command.cwd, env: { ...process.env, ...command.env }, stdio: ["ignore", "ignore", "pipe"] });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command.label} (${command.argv.join(" ")}) failed: ${result.stderr.toString().slice(-800)}`);
  return elapsed;
}

/** Median wall-clock milliseconds of each command, measured side by side. */
export function compare(commands: Command[], runs: number): number[] {
  for (const command of commands) runOnce(command);
  const times = commands.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) commands.forEach((command, k) => times[k]!.push(runOnce(command)));
  return times.map(median);
}
