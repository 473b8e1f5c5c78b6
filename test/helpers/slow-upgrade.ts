// A run that is killed in its second step: r1 applies, r2 sleeps. Used by the SIGKILL tests.
import type { MigrationPlan, RevisionSource } from "../../lib/core/types";
import { connector } from "../../lib/server/db/connect";
import { executeMigrationPlan } from "../../lib/server/sql-executor";

const source = (revision: string, downRevisions: string[], up: string): RevisionSource => ({
  revision, downRevisions, dependsOn: [], branchLabels: [], message: revision, longDoc: revision,
  createDate: null, path: `${revision}.sql`, format: "sql", sql: { up, down: "", transactional: true },
});

export default async function run({ url, sleep }: { url: string; sleep: string }): Promise<void> {
  const sources = new Map([["r1", source("r1", [], "CREATE TABLE t1 (id int)")], ["r2", source("r2", ["r1"], `CREATE TABLE t2 (id int); ${sleep}`)]]);
  const plan: MigrationPlan = {
    kind: "upgrade", target: "head", before: [], after: ["r2"], notes: [],
    steps: [
      { revision: "r1", direction: "up", versionOps: [{ op: "insert", revision: "r1" }], rowsAfter: ["r1"] },
      { revision: "r2", direction: "up", versionOps: [{ op: "update", from: "r1", to: "r2" }], rowsAfter: ["r2"] },
    ],
  };
  const result = await executeMigrationPlan({ connection: connector(url, { create: true }), target: { table: "alembic_version" }, expectedRows: [],
    transactionMode: "per-step", actor: "victim", plan, sources, audit: { environment: "victim" } });
  process.stdout.write(JSON.stringify(result));
}
