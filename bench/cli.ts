// Whole-process benchmark of the `retort` command against `node -e 0` and real Alembic, side by
// side (medians of BENCH_CLI_RUNS runs each): what a CI job or a pre-commit hook pays.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findAlembicPython } from "../lib/server/alembic-python";
import { loadMigrationDirectory } from "../lib/server/migration-dir";
import { generateAlembicProject } from "../test/compat/generate-project";
import { BENCH_GRAPH } from "./engine";
import { median, repoRoot } from "./harness";
import { type Command, compare } from "./process-runner";

export interface CliRow {
  name: string;
  retortMs: number;
  otherMs: number;
  /** other / retort for Alembic comparisons (higher is better), retort / node for the start-up row. */
  ratio: number;
  target: string;
  met: boolean;
}

/** The least a node process can do at the big size (bench/floor.mjs), timed beside retort and alembic heads. */
export interface CliFloors {
  size: number;
  /** readdir + stat of every file: the floor of a warm run whose cache is never wrong after an edit. */
  statMs: number;
  /** readdir + read of every file as text: the floor of a cold run. */
  readMs: number;
  alembicMs: number;
}

export interface CliResults {
  rows: CliRow[];
  corpusMedianRatio: number | null;
  floors: CliFloors | null;
  scanner: { bytes: number; files: number; ms: number; mbPerSecond: number };
}

const CLI = path.join(repoRoot, "bin", "retort.mjs");
const FLOOR = path.join(repoRoot, "bench", "floor.mjs");
const retort = (args: string[]): string[] => [process.execPath, CLI, ...args];

/** The corpus test's projects (test/compat/corpus.test.ts): name → its ini inside test/fixtures/corpus/NAME. */
const CORPUS_PROJECTS: Record<string, string> = {
  neutron: "neutron/db/migration/alembic.ini", ctfd: "migrations/alembic.ini", redash: "migrations/alembic.ini",
  lemur: "lemur/migrations/alembic.ini", ckan: "ckan/migration/alembic.ini", mealie: "alembic.ini",
  jupyterhub: "jupyterhub/alembic.ini", quay: "alembic.ini", indico: "indico/migrations/alembic.ini",
  polar: "server/alembic.ini", warehouse: "alembic.ini", fides: "src/fides/api/alembic/alembic.ini",
};

/** An ini Alembic and Retort both read: the project's own, %(here)s made absolute, a script_location always. */
function shimIni(original: string, into: string): string {
  const here = path.dirname(original);
  let text = readFileSync(original, "utf8").replaceAll("%(here)s", here);
  if (!/^\s*script_location\s*=/m.test(text)) text = text.replace(/^\[alembic\]\s*$/m, `[alembic]\nscript_location = ${here}`);
  const file = path.join(into, `${path.basename(here)}-${Math.random().toString(36).slice(2, 8)}.ini`);
  writeFileSync(file, text);
  return file;
}

export async function benchCli(options: { runs: number; size: number }): Promise<CliResults> {
  const python = findAlembicPython();
  const work = mkdtempSync(path.join(os.tmpdir(), "retort-bench-cli-"));
  const pycache = path.join(work, "pycache");
  const cacheDir = path.join(work, "retort-cache");
  const env = { RETORT_CACHE_DIR: cacheDir, PYTHONPYCACHEPREFIX: pycache, RETORT_COMPAT_URL: "postgresql://bench@127.0.0.1/bench" };
  const rows: CliRow[] = [];
  const row = (name: string, retortMs: number, otherMs: number, higherIsBetter: boolean, bound: number) => {
    const ratio = higherIsBetter ? otherMs / retortMs : retortMs / otherMs;
    rows.push({ name, retortMs, otherMs, ratio, target: higherIsBetter ? `≥ ${bound}x` : `≤ ${bound}x`, met: higherIsBetter ? ratio >= bound : ratio <= bound });
  };
  try {
    const small = generateAlembicProject({ seed: 20, size: 20, dir: path.join(work, "p20"), options: BENCH_GRAPH });
    const [heads20, node] = compare([
      { label: "retort heads (20)", argv: retort(["heads", "--alembic-ini", small.alembicIni]), cwd: small.dir, env },
      { label: "node -e 0", argv: [process.execPath, "-e", "0"], cwd: small.dir },
    ], options.runs);
    row("retort heads, 20 revisions vs node -e 0", heads20!, node!, false, 2);

    const corpusRatios: number[] = [];
    if (python) {
      const shims = path.join(work, "shims");
      mkdirSync(shims);
      for (const [project, ini] of Object.entries(CORPUS_PROJECTS)) {
        const root = path.join(repoRoot, "test", "fixtures", "corpus", project);
        const original = path.join(root, ini);
        const shim = shimIni(original, shims);
        const cwd = path.dirname(original);
        const pyEnv = { ...env, PYTHONPATH: root };
        const [ours, theirs] = compare([
          { label: `retort heads (${project})`, argv: retort(["heads", "--alembic-ini", shim]), cwd, env: pyEnv },
          { label: `alembic heads (${project})`, argv: [python, "-m", "alembic", "-c", shim, "heads"], cwd, env: pyEnv },
        ], options.runs);
        const count = (await loadMigrationDirectory({ alembicIni: shim, cwd })).sources.length;
        row(`heads: corpus ${project} (${count} revisions) vs alembic heads`, ours!, theirs!, true, 1);
        corpusRatios.push(theirs! / ours!);
      }
    }

    const big = generateAlembicProject({ seed: 7 + options.size, size: options.size, dir: path.join(work, `p${options.size}`), options: BENCH_GRAPH });
    const ini = big.alembicIni;
    const cold = () => rmSync(cacheDir, { recursive: true, force: true });
    let floors: CliFloors | null = null;
    if (python) {
      const alembic = (args: string[]): Command => ({ label: `alembic ${args[0]}`, argv: [python, "-m", "alembic", "-c", ini, ...args], cwd: big.dir, env });
      const floor = (mode: "stat" | "read"): Command => ({ label: `floor (${mode})`, argv: [process.execPath, FLOOR, mode, big.versionsDir], cwd: big.dir });
      const [warm, coldMs, theirs, statMs, readMs] = compare([
        { label: "retort heads (warm)", argv: retort(["heads", "--alembic-ini", ini]), cwd: big.dir, env },
        { label: "retort heads (cold)", argv: retort(["heads", "--alembic-ini", ini]), cwd: big.dir, env, before: cold },
        alembic(["heads"]),
        floor("stat"),
        floor("read"),
      ], options.runs);
      row(`heads at ${options.size}, our cache warm vs alembic (__pycache__ warm)`, warm!, theirs!, true, 20);
      row(`heads at ${options.size}, our cache cold vs alembic (__pycache__ warm)`, coldMs!, theirs!, true, 10);
      floors = { size: options.size, statMs: statMs!, readMs: readMs!, alembicMs: theirs! };
      const [plan, sql] = compare([
        { label: "retort upgrade --from ''", argv: retort(["upgrade", "heads", "--from", "", "--alembic-ini", ini]), cwd: big.dir, env },
        alembic(["upgrade", "heads", "--sql"]),
      ], Math.max(3, Math.ceil(options.runs / 2)));
      row(`upgrade heads --from "" at ${options.size} vs alembic upgrade heads --sql`, plan!, sql!, true, 20);
      const [history, theirHistory] = compare([
        { label: "retort history", argv: retort(["history", "--alembic-ini", ini]), cwd: big.dir, env },
        alembic(["history"]),
      ], Math.max(3, Math.ceil(options.runs / 2)));
      row(`history at ${options.size} vs alembic history`, history!, theirHistory!, true, 20);
    }
    return { rows, corpusMedianRatio: corpusRatios.length ? median(corpusRatios) : null, floors, scanner: await scannerSpeed(ini) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The parse of the whole directory, in process and with no cache: bytes of revision files per second. */
async function scannerSpeed(alembicIni: string): Promise<CliResults["scanner"]> {
  const directory = await loadMigrationDirectory({ alembicIni });
  const bytes = directory.sources.reduce((sum, s) => sum + statSync(path.join(directory.root, s.path)).size, 0);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    await loadMigrationDirectory({ alembicIni });
    times.push(performance.now() - start);
  }
  const ms = median(times);
  return { bytes, files: directory.sources.length, ms, mbPerSecond: bytes / 1024 / 1024 / (ms / 1000) };
}

export function printCliResults(results: CliResults): void {
  console.log("\nWhole process (spawn to exit, medians side by side)");
  const width = Math.max(...results.rows.map((r) => r.name.length));
  console.log(`${"".padEnd(width)}  ${"retort".padStart(9)}  ${"other".padStart(9)}  ratio     target   `);
  for (const r of results.rows) {
    console.log(`${r.name.padEnd(width)}  ${`${r.retortMs.toFixed(0)} ms`.padStart(9)}  ${`${r.otherMs.toFixed(0)} ms`.padStart(9)}  ${`${r.ratio.toFixed(2)}x`.padEnd(8)}  ${r.target.padEnd(7)}  ${r.met ? "✓" : "✗"}`);
  }
  if (results.corpusMedianRatio !== null) console.log(`corpus median ratio (alembic / retort): ${results.corpusMedianRatio.toFixed(2)}x (target ≥ 3x)`);
  const f = results.floors;
  if (f) {
    const most = (ms: number) => `${ms.toFixed(0)} ms, so at most ${(f.alembicMs / ms).toFixed(1)}x alembic heads`;
    console.log(`floor at ${f.size} (bench/floor.mjs, node alone): readdir + stat of every file ${most(f.statMs)} for any warm run whose cache ` +
      `must notice an edit; readdir + read of every file ${most(f.readMs)} for any cold run`);
  }
  const s = results.scanner;
  console.log(`scanner: ${s.files} files, ${(s.bytes / 1024 / 1024).toFixed(2)} MB parsed in ${s.ms.toFixed(0)} ms = ${s.mbPerSecond.toFixed(1)} MB/s (no cache, in process)`);
}
