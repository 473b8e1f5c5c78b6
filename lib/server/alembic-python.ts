import "server-only";
import { spawnSync } from "node:child_process";

// Which Python runs real Alembic. Debian's python3-alembic lives in /usr/bin/python3, which is
// not always the python3 first on PATH (pyenv and friends), so both are tried.

const probes = new Map<string, boolean>();

/** Whether `python` can import every module named (asked once per interpreter, modules and process). */
export function canImport(python: string, modules: readonly string[] = ["alembic"]): boolean {
  const key = `${python}\0${modules.join(",")}`;
  const known = probes.get(key);
  if (known !== undefined) return known;
  const probe = spawnSync(python, ["-c", `import ${modules.join(", ")}`], { stdio: "ignore", timeout: 15_000 });
  const ok = probe.status === 0;
  probes.set(key, ok);
  return ok;
}

/**
 * The interpreter named by `override` (default: ALEMBIC_PYTHON) if set, else the first of
 * python3 and /usr/bin/python3 that can import `modules`; null when none can.
 */
export function findAlembicPython(options: { modules?: readonly string[]; override?: string } = {}): string | null {
  const override = options.override ?? process.env.ALEMBIC_PYTHON;
  const candidates = override ? [override] : ["python3", "/usr/bin/python3"];
  return candidates.find((python) => canImport(python, options.modules)) ?? null;
}
