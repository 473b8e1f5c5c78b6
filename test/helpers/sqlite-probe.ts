// Reads and stamps a SQLite file from a child process (run as another user for the read-only case).
import { configFromObject } from "../../lib/server/config";
import { connector } from "../../lib/server/db/connect";
import { readEnvironmentState } from "../../lib/server/environment-reader";
import { executeStampPlan } from "../../lib/server/sql-executor";

export default async function probe({ url }: { url: string }): Promise<void> {
  const config = configFromObject({ projects: [{ name: "p", dir: "m" }], environments: [{ name: "e", project: "p", url }] }, { baseDir: "/", env: {} });
  if (!config.ok) throw new Error("config");
  const read = await readEnvironmentState({ env: config.config.environments[0]!, timeoutMs: 1_000 });
  const stamp = await executeStampPlan({ connection: connector(url, { create: true }), target: { table: "alembic_version" }, actor: "probe", expectedRows: [],
    plan: { kind: "stamp", targets: ["r1"], purge: false, ops: [{ op: "insert", revision: "r1" }], before: [], after: ["r1"], notes: [] } });
  process.stdout.write(JSON.stringify({ read, stamp }));
}
