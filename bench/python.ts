import { spawnSync } from "node:child_process";

/** The first Python that can import alembic: ALEMBIC_PYTHON, python3, then Debian's /usr/bin/python3. */
export function findAlembicPython(): string | null {
  const candidates = [process.env.ALEMBIC_PYTHON, "python3", "/usr/bin/python3"].filter((c): c is string => !!c);
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ["-c", "import alembic"], { stdio: "ignore" });
    if (probe.status === 0) return candidate;
  }
  return null;
}
