// Twelve public Alembic projects' revision headers (test/fixtures/corpus, see each SOURCE.md),
// read by Retort and by real Alembic: heads, real heads, bases, every `history` line, and a dozen
// upgrade/downgrade plans each must agree. neutron's expand/contract layout is among them.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { historyLine, historyOrder } from "../../lib/core/graph/history";
import { planDowngrade } from "../../lib/core/plan/plan-downgrade";
import { planUpgrade } from "../../lib/core/plan/plan-upgrade";
import { buildRevisionMap, type RevisionMap } from "../../lib/core/graph/revision-map";
import { loadMigrationDirectory } from "../../lib/server/migration-dir";
import { alembicPython } from "./alembic-side";

const CORPUS = path.resolve("test/fixtures/corpus");
const HERE = path.resolve("test/compat");

/** name → the ini, relative to the project's fixture folder (which is also its sys.path root). */
export const CORPUS_PROJECTS: Record<string, string> = {
  neutron: "neutron/db/migration/alembic.ini",
  ctfd: "migrations/alembic.ini",
  redash: "migrations/alembic.ini",
  lemur: "lemur/migrations/alembic.ini",
  ckan: "ckan/migration/alembic.ini",
  mealie: "alembic.ini",
  jupyterhub: "jupyterhub/alembic.ini",
  quay: "alembic.ini",
  indico: "indico/migrations/alembic.ini",
  polar: "server/alembic.ini",
  warehouse: "alembic.ini",
  fides: "src/fides/api/alembic/alembic.ini",
};

interface Plan { kind: "upgrade" | "downgrade"; target: string; rows: string[] }
interface Oracle { heads: string[]; realHeads: string[]; bases: string[]; history: string[]; plans: ({ steps: { revision: string; direction: string }[] } | { error: string })[] }

/** A dozen plans that walk the whole graph, chosen from Retort's own history order. */
function plansFor(map: RevisionMap): Plan[] {
  const order = historyOrder(map);
  const n = order.length;
  const mid = order[Math.floor(n / 2)]!;
  const nearBase = order[Math.max(0, n - 2)]!;
  const label = [...map.labels.keys()][0];
  return [
    { kind: "upgrade", target: "heads", rows: [] },
    { kind: "upgrade", target: map.heads[0]!, rows: [] },
    { kind: "upgrade", target: map.heads.length > 1 ? map.heads[1]! : "head", rows: [] },
    { kind: "upgrade", target: "heads", rows: [mid] },
    { kind: "upgrade", target: "heads", rows: [nearBase] },
    { kind: "upgrade", target: mid, rows: [] },
    { kind: "upgrade", target: "+2", rows: [order[n - 1]!] },
    { kind: "downgrade", target: "base", rows: [...map.heads] },
    { kind: "downgrade", target: mid, rows: [...map.heads] },
    { kind: "downgrade", target: "-1", rows: [map.heads[0]!] },
    { kind: "downgrade", target: "-3", rows: [map.heads[0]!] },
    label ? { kind: "upgrade", target: `${label}@head`, rows: [] } : { kind: "upgrade", target: order[1] ?? "heads", rows: [order[n - 1]!] },
    label ? { kind: "downgrade", target: `${label}@base`, rows: [...map.heads] } : { kind: "downgrade", target: order[n - 1]!, rows: [...map.heads] },
  ];
}

function runOracle(project: string, ini: string, plans: Plan[]): Oracle {
  const root = path.join(CORPUS, project);
  const result = spawnSync(alembicPython(), [path.join(HERE, "corpus_oracle.py")], {
    cwd: path.dirname(path.join(root, ini)),
    input: JSON.stringify({ ini: path.join(root, ini), plans }),
    // The project's own packages are importable, as they are where the project is installed.
    env: { ...process.env, PYTHONPATH: [HERE, root].join(path.delimiter), PYTHONHASHSEED: "0", PYTHONDONTWRITEBYTECODE: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`corpus oracle failed for ${project}: ${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout) as Oracle;
}

describe("Retort reads public Alembic projects exactly as Alembic does", () => {
  for (const [project, ini] of Object.entries(CORPUS_PROJECTS)) {
    it(`${project}: heads, bases, history and plans`, async () => {
      const iniPath = path.join(CORPUS, project, ini);
      const directory = await loadMigrationDirectory({ alembicIni: iniPath, cwd: path.dirname(iniPath) });
      expect(directory.problems).toEqual([]);
      const map = buildRevisionMap(directory.sources);
      expect(map.problems).toEqual([]);
      const plans = plansFor(map);
      const alembic = runOracle(project, ini, plans);
      expect(map.heads).toEqual(alembic.heads);
      expect(map.realHeads).toEqual(alembic.realHeads);
      expect(map.bases).toEqual(alembic.bases);
      expect(historyOrder(map).map((id) => historyLine(map, id))).toEqual(alembic.history);
      plans.forEach((plan, i) => {
        const expected = alembic.plans[i]!;
        const ours = (plan.kind === "upgrade" ? planUpgrade : planDowngrade)(map, { target: plan.target, rows: plan.rows });
        const what = `${plan.kind} ${plan.target} from [${plan.rows.join(", ")}]`;
        if ("error" in expected) {
          expect(ours.ok, `${what}: Alembic refuses (${expected.error}), Retort must too`).toBe(false);
        } else {
          expect(ours.ok ? ours.value.steps.map((s) => ({ revision: s.revision, direction: s.direction })) : ours.error.message, what).toEqual(expected.steps);
        }
      });
    });
  }
});
