import "server-only";
import { accessSync, constants, readFileSync } from "node:fs";
import path from "node:path";
import { canImport as canImportAlembic, findAlembicPython } from "../alembic-python";
import type { ProjectConfig } from "../config";

// How to run real Alembic for a project. Retort never runs `alembic` directly: it runs the same
// arguments through alembic_run.py, a wrapper that sets sqlalchemy.url from the environment, so
// the database URL never appears on a command line (`ps` shows every argument).

export const WRAPPER = path.join(process.cwd(), "lib", "server", "actions", "alembic_run.py");

export interface AlembicCommand {
  /** The interpreter that runs the wrapper, and the wrapper's arguments (alembic's own, e.g. -c ini). */
  program: string;
  args: string[];
  /** Where Alembic runs (relative script_location and ini paths resolve against it). */
  cwd: string;
  /** The command as configured, for display. */
  display: string;
  /** Variables of Retort's environment that env.py may see (the project's `alembic.env`). */
  passEnv?: string[];
}

export type AlembicResolution = { ok: true; command: AlembicCommand } | { ok: false; reason: string };

export function resolveAlembicCommand(project: ProjectConfig): AlembicResolution {
  if (!project.alembic) {
    if (!project.alembicIni) return { ok: false, reason: "The project has no alembic.ini and no alembic command configured." };
    const python = findAlembicPython();
    if (!python) return { ok: false, reason: noPython() };
    const cwd = path.dirname(project.alembicIni);
    return { ok: true, command: { program: python, args: ["-c", project.alembicIni], cwd, display: `${python} -m alembic -c ${path.basename(project.alembicIni)}` } };
  }
  const { command, cwd } = project.alembic;
  const display = command.join(" ");
  const module = command.findIndex((part, i) => part === "-m" && command[i + 1] === "alembic");
  if (module === 1) {
    // [python, -m, alembic, ...args]
    const python = command[0]!;
    if (!canImportAlembic(python)) return { ok: false, reason: `${python} cannot import alembic (configured command: ${display}).` };
    return { ok: true, command: { program: python, args: command.slice(3), cwd, display, passEnv: project.alembic.env } };
  }
  if (path.basename(command[0]!) === "alembic") {
    // [alembic, ...args]: the interpreter its script starts with, else one that has alembic.
    const python = interpreterOf(command[0]!, cwd) ?? findAlembicPython();
    if (!python || !canImportAlembic(python)) return { ok: false, reason: `No Python with alembic found for ${display}. ${noPython()}` };
    return { ok: true, command: { program: python, args: command.slice(1), cwd, display, passEnv: project.alembic.env } };
  }
  return { ok: false, reason: `Retort runs Alembic as "alembic …" or "<python> -m alembic …"; the configured command (${display}) is neither.` };
}

/** `python -m alembic -c <ini>` in the ini's folder, for a project named by --dir or --alembic-ini. */
export function resolveIniCommand(alembicIni: string | null): AlembicResolution {
  if (!alembicIni) {
    return { ok: false, reason: "This Alembic project has no alembic.ini, so alembic cannot run it: point --dir at the folder holding alembic.ini (or use --alembic-ini FILE)." };
  }
  const python = findAlembicPython();
  if (!python) return { ok: false, reason: noPython() };
  return { ok: true, command: { program: python, args: ["-c", alembicIni], cwd: path.dirname(alembicIni), display: `${python} -m alembic -c ${path.basename(alembicIni)}` } };
}

function noPython(): string {
  return "Install alembic for python3, or set ALEMBIC_PYTHON to a Python that has it.";
}

/** The `#!` interpreter of an alembic console script found on PATH (a virtualenv's python). */
function interpreterOf(executable: string, cwd: string): string | null {
  const file = locate(executable, cwd);
  if (!file) return null;
  try {
    const first = readFileSync(/*turbopackIgnore: true*/ file, "utf8").slice(0, 300).split("\n")[0] ?? "";
    const match = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
    if (!match) return null;
    const interpreter = path.basename(match[1]!) === "env" ? match[2] ?? null : match[1]!;
    return interpreter && /python/.test(interpreter) ? interpreter : null;
  } catch {
    return null;
  }
}

function locate(executable: string, cwd: string): string | null {
  const candidates = executable.includes("/")
    ? [path.resolve(cwd, executable)]
    : (process.env.PATH ?? "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, executable));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next directory
    }
  }
  return null;
}
