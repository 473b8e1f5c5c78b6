import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { previewEnvironmentAction } from "../../lib/server/actions/preview";
import type { Actor } from "../../lib/server/actions/protection";
import { runEnvironmentAction } from "../../lib/server/actions/run-action";
import { closeAllPools } from "../../lib/server/pg";
import { createTestDatabase, query, versionRows, type TestDatabase } from "../db";

// What the preview warns about and what a rehearsal asks for, against real PostgreSQL: a
// rehearsal needs no typed name and no approval (it changes nothing), a non-transactional step
// is named as the point a rehearsal stops, a downgrade names the steps that drop data, and an
// upgrade of a database with tables but no version rows warns of the collision.

const R = ["cccc00000001", "cccc00000002", "cccc00000003"] as const;
const admin: Actor = { name: "alice", role: "admin" };
const ENVS = { guarded: "confirm", gated: "approval" } as const;

function sqlFile(revision: string, down: string, up: string, downSql: string, transactional = true): string {
  return `-- revision: ${revision}\n-- down_revision: ${down}\n-- message: step ${revision}\n-- transactional: ${transactional}\n\n-- migrate:up\n${up}\n\n-- migrate:down\n${downSql}\n`;
}

let root: string;
const dbs: Record<string, TestDatabase> = {};

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "retort-guidance-"));
  mkdirSync(path.join(root, "app"));
  writeFileSync(path.join(root, "app", "001.sql"), sqlFile(R[0], "", "CREATE TABLE g1 (id int);", "DROP TABLE g1;"));
  writeFileSync(path.join(root, "app", "002.sql"), sqlFile(R[1], R[0], "CREATE INDEX CONCURRENTLY g1_id ON g1 (id);", "DROP INDEX g1_id;", false));
  writeFileSync(path.join(root, "app", "003.sql"), sqlFile(R[2], R[1], "CREATE TABLE g3 (id int);", "DROP TABLE g3;"));
  for (const name of Object.keys(ENVS)) {
    dbs[name] = await createTestDatabase(`guide_${name}`);
    process.env[`GUIDE_URL_${name.toUpperCase()}`] = dbs[name]!.url;
  }
  const config = {
    projects: [{ name: "app", dir: path.join(root, "app") }],
    environments: Object.entries(ENVS).map(([name, protection]) => ({ name, project: "app", url: `\${GUIDE_URL_${name.toUpperCase()}}`, protection })),
  };
  writeFileSync(path.join(root, "retort.config.json"), JSON.stringify(config));
  process.env.RETORT_CONFIG = path.join(root, "retort.config.json");
});

beforeEach(async () => {
  for (const db of Object.values(dbs)) await query(db.url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
});

afterAll(async () => {
  await closeAllPools();
  for (const db of Object.values(dbs)) await db.drop();
  rmSync(root, { recursive: true, force: true });
  delete process.env.RETORT_CONFIG;
});

const preview = async (env: string, request: Record<string, unknown>) => {
  const result = await previewEnvironmentAction({ actor: admin, env, request });
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.data;
};

describe("rehearsal guards", () => {
  it("rehearses on a confirm-protected environment without a typed name, and changes nothing", async () => {
    const shown = await preview("guarded", { kind: "rehearse", target: R[0] });
    expect(shown.guard).toBe("run");
    const result = await runEnvironmentAction({ actor: admin, env: "guarded", request: { kind: "rehearse", target: R[0] }, expectedRows: [], planDigest: shown.planDigest });
    expect(result.ok ? "ok" : `${result.code}: ${result.message}`).toBe("ok");
    expect(await versionRows(dbs.guarded!.url)).toBeNull();
  });

  it("rehearses on an approval-protected environment at once, storing no approval request", async () => {
    const result = await runEnvironmentAction({ actor: admin, env: "gated", request: { kind: "rehearse", target: R[0] }, expectedRows: [] });
    expect(result.ok && result.data.approval).toBeUndefined();
    expect(result.ok && result.data.steps.map((s) => s.status)).toEqual(["rehearsed"]);
  });

  it("still asks for the name before a real upgrade", async () => {
    const result = await runEnvironmentAction({ actor: admin, env: "guarded", request: { kind: "upgrade", target: R[0] }, expectedRows: [] });
    expect(result).toMatchObject({ ok: false, code: "confirm:mismatch" });
    expect(await versionRows(dbs.guarded!.url)).toBeNull();
  });
});

describe("preview warnings", () => {
  it("names the non-transactional step a rehearsal stops before", async () => {
    const shown = await preview("guarded", { kind: "rehearse", target: "heads" });
    expect(shown.warnings).toEqual([expect.stringContaining(`Step 2 (${R[1]}) is not transactional`)]);
    expect(shown.warnings[0]).toContain("only step 1 will be rehearsed");
  });

  it("says a downgrade loses data and names the steps that drop it", async () => {
    await query(dbs.guarded!.url, `CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY); INSERT INTO alembic_version VALUES ('${R[2]}');`);
    const shown = await preview("guarded", { kind: "downgrade", target: R[0] });
    expect(shown.warnings).toEqual([`Data loss: ${R[2]} drops or deletes data, and nothing brings it back. Take a backup first.`]);
  });

  it("warns that upgrading a database with tables but no version rows collides with them", async () => {
    await query(dbs.guarded!.url, "CREATE TABLE g1 (id int)");
    const shown = await preview("guarded", { kind: "upgrade", target: "heads" });
    expect(shown.warnings).toEqual([expect.stringContaining("guarded has tables but no version rows: this upgrade starts from base and replays 3 steps")]);
  });

  it("warns of nothing for a plain upgrade of an empty database", async () => {
    expect((await preview("guarded", { kind: "upgrade", target: "heads" })).warnings).toEqual([]);
  });
});
