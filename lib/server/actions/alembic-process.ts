import "server-only";
import { spawn } from "node:child_process";
import { configuredSecrets } from "../secret-values";
import type { AlembicCommand } from "./alembic-command";
import { WRAPPER } from "./alembic-command";

// One Python process running Alembic for Retort: an allow-listed environment (never a copy of
// ours) holding only this database's URL, output collected (tail kept) with every secret the
// server knows taken out, a time limit, and optionally a JSON result on file descriptor 3.

const OUTPUT_LIMIT = 64_000;
const RESULT_LIMIT = 16 * 1024 * 1024;

/** What Python, locales and virtualenvs need; nothing that could hold a credential. */
const PASSED = /^(PATH|HOME|USER|LOGNAME|TMPDIR|TZ|LANG|LANGUAGE|LC_[A-Z_]+|PYTHON[A-Z0-9_]*|VIRTUAL_ENV|CONDA_PREFIX|CONDA_DEFAULT_ENV|PYENV_[A-Z_]+|SSL_CERT_FILE|SSL_CERT_DIR)$/;

export interface AlembicRun {
  exitCode: number | null;
  /** stdout and stderr interleaved as they arrived, secrets redacted. */
  output: string;
  timedOut: boolean;
  /** Stopped because someone cancelled the run (its `signal` fired). */
  cancelled?: boolean;
  /** What the runner wrote to fd 3 (alembic_steps.py's JSON), redacted; absent when none. */
  result?: string | null;
}

export interface AlembicProcessOptions {
  command: AlembicCommand;
  alembicArgs: string[];
  url: string;
  versionTable: { table: string; schema: string | null };
  secrets: string[];
  timeoutMs?: number;
  /** The Python file to run (default: alembic_run.py) and what to write to its stdin. */
  script?: string;
  input?: string;
  /** More variables for the child (the dialect's session tag). */
  extraEnv?: Record<string, string>;
  /** Cancels the run: SIGTERM to the process group, SIGKILL if it is still there 5 s later. */
  signal?: AbortSignal;
}

const KILL_AFTER_MS = 5_000;

/** The child's whole environment: the allow-list, the project's declared variables, this URL. */
export function alembicEnvironment(options: Pick<AlembicProcessOptions, "command" | "url" | "versionTable" | "extraEnv">, parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(parent)) if (PASSED.test(name) && value !== undefined) env[name] = value;
  for (const name of options.command.passEnv ?? []) if (parent[name] !== undefined) env[name] = parent[name];
  Object.assign(env, {
    RETORT_TARGET_URL: options.url,
    // env.py files written for Heroku-style deployments read DATABASE_URL.
    DATABASE_URL: options.url,
    RETORT_VERSION_TABLE: options.versionTable.table,
    PYTHONDONTWRITEBYTECODE: "1",
    PYTHONUNBUFFERED: "1",
  });
  if (options.versionTable.schema) env.RETORT_VERSION_SCHEMA = options.versionTable.schema;
  Object.assign(env, options.extraEnv);
  return env as NodeJS.ProcessEnv;
}

export function runAlembicProcess(options: AlembicProcessOptions): Promise<AlembicRun> {
  const { command } = options;
  const timeoutMs = options.timeoutMs ?? Number(process.env.RETORT_ALEMBIC_TIMEOUT_MS ?? 15 * 60_000);
  const secrets = [...options.secrets, ...configuredSecrets(command.passEnv ?? [])];
  return new Promise((resolve) => {
    let output = "";
    let result = "";
    let timedOut = false;
    let cancelled = false;
    const child = spawn(command.program, [options.script ?? WRAPPER, ...command.args, ...options.alembicArgs], {
      cwd: command.cwd,
      env: alembicEnvironment(options),
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe", "pipe"],
      detached: true,
    });
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.length > OUTPUT_LIMIT * 2) output = output.slice(-OUTPUT_LIMIT);
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    const channel = child.stdio[3] as NodeJS.ReadableStream | null;
    channel?.on("data", (chunk: Buffer) => {
      if (result.length < RESULT_LIMIT) result += chunk.toString("utf8");
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
    // The whole process group: env.py may have started children of its own.
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup("SIGKILL");
    }, timeoutMs);
    let killTimer: NodeJS.Timeout | undefined;
    const cancel = () => {
      cancelled = true;
      // The database rolls back the transaction of a connection that goes away (PostgreSQL, SQLite).
      signalGroup("SIGTERM");
      killTimer = setTimeout(() => signalGroup("SIGKILL"), KILL_AFTER_MS);
    };
    if (options.signal?.aborted) cancel();
    else options.signal?.addEventListener("abort", cancel, { once: true });
    const done = (exitCode: number | null, extra = "") => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener("abort", cancel);
      const text = `${output}${extra}`.slice(-OUTPUT_LIMIT);
      resolve({ exitCode, output: redactOutput(text, secrets), timedOut, cancelled, result: result ? redactOutput(result, secrets) : null });
    };
    child.once("error", (error) => done(null, `\n${error.message}\n`));
    child.once("close", (code) => done(code, timedOut ? `\nStopped after ${Math.round(timeoutMs / 1000)} s.\n` : cancelled ? "\nStopped: the run was cancelled.\n" : ""));
  });
}

/** Every known secret, and anything URL-shaped with credentials, removed. */
export function redactOutput(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length)) out = out.split(secret).join("<redacted>");
  return out
    .replace(/\b(postgres(?:ql)?(?:\+\w+)?):\/\/[^\s'"]+/gi, "$1://<redacted>")
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s/@'"]*:[^\s/@'"]*@[^\s'"]+/gi, "<url>");
}
