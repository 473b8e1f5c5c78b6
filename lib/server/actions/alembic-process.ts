import "server-only";
import { spawn } from "node:child_process";
import type { AlembicCommand } from "./alembic-command";
import { WRAPPER } from "./alembic-command";

// One run of alembic_run.py: the URL in the child's environment only, output collected (tail
// kept), a time limit, and every secret taken out of what comes back.

const OUTPUT_LIMIT = 64_000;

export interface AlembicRun {
  exitCode: number | null;
  /** stdout and stderr interleaved as they arrived, secrets redacted. */
  output: string;
  timedOut: boolean;
}

export function runAlembicProcess(options: {
  command: AlembicCommand;
  alembicArgs: string[];
  url: string;
  versionTable: { table: string; schema: string | null };
  secrets: string[];
  timeoutMs?: number;
}): Promise<AlembicRun> {
  const { command, url } = options;
  const timeoutMs = options.timeoutMs ?? Number(process.env.RETORT_ALEMBIC_TIMEOUT_MS ?? 15 * 60_000);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RETORT_DATABASE_URL: url,
    RETORT_VERSION_TABLE: options.versionTable.table,
    PYTHONDONTWRITEBYTECODE: "1",
    PYTHONUNBUFFERED: "1",
  };
  if (options.versionTable.schema) env.RETORT_VERSION_SCHEMA = options.versionTable.schema;
  else delete env.RETORT_VERSION_SCHEMA;
  return new Promise((resolve) => {
    let output = "";
    let timedOut = false;
    const child = spawn(command.program, [WRAPPER, ...command.args, ...options.alembicArgs], {
      cwd: command.cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.length > OUTPUT_LIMIT * 2) output = output.slice(-OUTPUT_LIMIT);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timer = setTimeout(() => {
      timedOut = true;
      // The whole process group: env.py may have started children of its own.
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    }, timeoutMs);
    const done = (exitCode: number | null, extra = "") => {
      clearTimeout(timer);
      const text = `${output}${extra}`.slice(-OUTPUT_LIMIT);
      resolve({ exitCode, output: redactOutput(text, options.secrets), timedOut });
    };
    child.once("error", (error) => done(null, `\n${error.message}\n`));
    child.once("close", (code) => done(code, timedOut ? `\nStopped after ${Math.round(timeoutMs / 1000)} s.\n` : ""));
  });
}

/** The URL, its password, user and host, and anything URL-shaped with credentials, removed. */
export function redactOutput(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join("<redacted>");
  return out
    .replace(/\b(postgres(?:ql)?(?:\+\w+)?):\/\/[^\s'"]+/gi, "$1://<redacted>")
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s/@'"]*:[^\s/@'"]*@[^\s'"]+/gi, "<url>");
}
