/** Runs operations through real Alembic (alembic_driver.py), one Python process per job. */
import { spawn } from "node:child_process";
import { findAlembicPython } from "../../lib/server/alembic-python";
import path from "node:path";
import { URL_VARIABLE } from "./generate-project";
import type { Operation, Outcome, Step } from "./operations";

const HERE = path.dirname(new URL(import.meta.url).pathname);
export const DRIVER = path.join(HERE, "alembic_driver.py");
export const SORTED_ALEMBIC = path.join(HERE, "alembic_sorted.py");

export interface AlembicResult {
  ok: boolean;
  steps?: Step[];
  rows?: string[] | null;
  heads?: string[];
  realHeads?: string[];
  warnings?: string[];
  error?: { kind: "refusal" | "crash"; errorClass: string; message: string; traceback?: string };
}

/** A python3 that can import alembic and psycopg2: $RETORT_COMPAT_PYTHON, else the usual search. */
export function alembicPython(): string {
  const python = findAlembicPython({ modules: ["alembic", "psycopg2"], override: process.env.RETORT_COMPAT_PYTHON });
  if (!python) throw new Error("No python3 with alembic and psycopg2 found (tried python3 and /usr/bin/python3); set RETORT_COMPAT_PYTHON");
  return python;
}

/** An operation whose `startRows` is left out runs on the database as the previous one left it. */
export type JobOperation = Operation | { kind: "upgrade" | "downgrade"; target: string } | { kind: "stamp"; targets: string[]; purge: boolean } | { kind: "current" };

export async function runAlembicJob(args: { alembicIni: string; databaseUrl: string; operations: JobOperation[];
  versionTable?: string; versionSchema?: string | null }): Promise<AlembicResult[]> {
  const job = JSON.stringify({ ini: args.alembicIni, versionTable: args.versionTable ?? "alembic_version",
    versionSchema: args.versionSchema ?? null, logTable: "compat_log", operations: args.operations });
  const { stdout } = await runPython([DRIVER], { input: job, env: { [URL_VARIABLE]: args.databaseUrl } });
  return (JSON.parse(stdout) as { results: AlembicResult[] }).results;
}

/** Runs the `alembic` command line (with sorted loading) in the project directory. */
export async function runAlembicCli(args: { cwd: string; argv: string[]; databaseUrl: string }): Promise<{ code: number; stdout: string; stderr: string }> {
  return runPython([SORTED_ALEMBIC, ...args.argv], { cwd: args.cwd, env: { [URL_VARIABLE]: args.databaseUrl }, allowFailure: true });
}

// PYTHONHASHSEED is pinned so a run can be replayed: Alembic orders some things by Python set order.
function runPython(argv: string[], opts: { input?: string; cwd?: string; env: Record<string, string>; allowFailure?: boolean }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(alembicPython(), argv, { cwd: opts.cwd, env: { PYTHONHASHSEED: "0", ...process.env, ...opts.env, PYTHONDONTWRITEBYTECODE: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0 && !opts.allowFailure) reject(new Error(`alembic driver exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(opts.input ?? "");
  });
}

export function alembicOutcome(result: AlembicResult): Outcome {
  if (result.error) {
    return { ok: false, kind: result.error.kind, errorClass: result.error.errorClass, message: result.error.message };
  }
  if (result.heads) return { ok: true, heads: result.heads, realHeads: result.realHeads ?? [] };
  return { ok: true, steps: result.steps ?? [], rows: result.rows ?? [] };
}
