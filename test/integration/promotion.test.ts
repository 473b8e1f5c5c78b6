import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previewEnvironmentAction } from "../../lib/server/actions/preview";
import type { Actor } from "../../lib/server/actions/protection";
import { runEnvironmentAction } from "../../lib/server/actions/run-action";
import { configFromObject } from "../../lib/server/config";
import { closeAllPools } from "../../lib/server/pg";
import { createTestDatabase, query, versionRows, type TestDatabase } from "../db";
import { type TestMeta, useMetaDatabase } from "../meta";

// The promotion order against real PostgreSQL: dev → stg → prd (enforce) and stg → prw (warn).
// r2 fails half way, so "failed there on its latest run" can be seen as well as "never applied".

const R = ["cccc00000001", "cccc00000002"] as const;
const admin: Actor = { name: "alice", role: "admin" };
const ENVS = [
  { name: "dev" },
  { name: "stg", after: "dev" },
  { name: "prd", after: "stg", promotion: "enforce" },
  { name: "prw", after: "stg" },
] as const;

let root: string;
let meta: TestMeta;
const dbs: Record<string, TestDatabase> = {};
const sqlFile = (revision: string, down: string, up: string) =>
  `-- revision: ${revision}\n-- down_revision: ${down}\n-- message: step ${revision}\n\n-- migrate:up\n${up}\n\n-- migrate:down\nSELECT 1;\n`;

beforeAll(async () => {
  meta = await useMetaDatabase();
  root = mkdtempSync(path.join(tmpdir(), "retort-promotion-"));
  mkdirSync(path.join(root, "app"));
  writeFileSync(path.join(root, "app", "001.sql"), sqlFile(R[0], "", "CREATE TABLE p1 (id int);"));
  writeFileSync(path.join(root, "app", "002.sql"), sqlFile(R[1], R[0], "CREATE TABLE p2 (id int); INSERT INTO missing_table VALUES (1);"));
  for (const env of ENVS) {
    dbs[env.name] = await createTestDatabase(`promo_${env.name}`);
    process.env[`PROMO_URL_${env.name.toUpperCase()}`] = dbs[env.name]!.url;
  }
  const config = {
    projects: [{ name: "app", dir: path.join(root, "app") }],
    environments: ENVS.map((e) => ({ ...e, project: "app", url: `\${PROMO_URL_${e.name.toUpperCase()}}`, protection: "none" })),
  };
  writeFileSync(path.join(root, "retort.config.json"), JSON.stringify(config));
  process.env.RETORT_CONFIG = path.join(root, "retort.config.json");
});

afterAll(async () => {
  await closeAllPools();
  await meta.cleanup();
  for (const db of Object.values(dbs)) await db.drop();
  rmSync(root, { recursive: true, force: true });
  delete process.env.RETORT_CONFIG;
});

const upgrade = (env: string, target: string) => runEnvironmentAction({ actor: admin, env, request: { kind: "upgrade", target }, expectedRows: [] });
const warnings = async (env: string, target: string) => {
  const preview = await previewEnvironmentAction({ actor: admin, env, request: { kind: "upgrade", target } });
  if (!preview.ok) throw new Error(preview.message);
  return preview.data.warnings;
};

describe("the promotion order", () => {
  it("warns when a revision was never applied in an earlier stage, and refuses where enforced (recorded as refused)", async () => {
    expect((await upgrade("dev", R[0])).ok).toBe(true);
    expect(await warnings("prw", R[0])).toEqual([`${R[0]} was never applied in stg, which comes before prw in the promotion order.`]);
    const refusedPreview = await warnings("prd", R[0]);
    expect(refusedPreview[0]).toMatch(/^Refused when confirmed \(prd enforces its promotion order\)/);
    expect(await upgrade("prd", R[0])).toMatchObject({ ok: false, code: "promotion:refused" });
    expect(await versionRows(dbs.prd!.url)).toBeNull();
    const audit = await query<{ result: string; error: string }>(dbs.prd!.url, "SELECT result, error FROM retort_audit");
    expect(audit).toEqual([{ result: "refused", error: expect.stringContaining("promotion:refused") }]);
    // A rehearsal changes nothing: enforce does not refuse it.
    expect((await runEnvironmentAction({ actor: admin, env: "prd", request: { kind: "rehearse", target: R[0] }, expectedRows: [] })).ok).toBe(true);

    expect(await warnings("stg", R[0])).toEqual([]);
    expect((await upgrade("stg", R[0])).ok).toBe(true);
    expect(await warnings("prd", R[0])).toEqual([]);
    expect((await upgrade("prd", R[0])).ok).toBe(true);
    expect(await versionRows(dbs.prd!.url)).toEqual([R[0]]);
  });

  it("warns (and where enforced refuses) a revision whose latest run failed in an earlier stage", async () => {
    const run = await runEnvironmentAction({ actor: admin, env: "stg", request: { kind: "upgrade", target: R[1] }, expectedRows: [R[0]] });
    expect(run).toMatchObject({ ok: false, code: "step-failed" });
    // Every earlier stage is checked, nearest first: stg ran it and failed; dev never had it.
    expect(await warnings("prw", R[1])).toEqual([
      `${R[1]} failed in stg on its latest run there, and stg comes before prw in the promotion order.`,
      `${R[1]} was never applied in dev, which comes before prw in the promotion order.`,
    ]);
    const refused = await runEnvironmentAction({ actor: admin, env: "prd", request: { kind: "upgrade", target: R[1] }, expectedRows: [R[0]] });
    expect(refused).toMatchObject({ ok: false, code: "promotion:refused", message: expect.stringContaining("failed in stg") });
    expect(await versionRows(dbs.prd!.url)).toEqual([R[0]]);
  });
});

describe("promotion config", () => {
  const base = { projects: [{ name: "app", dir: "app" }, { name: "other", dir: "other" }] };
  const env = (name: string, extra: Record<string, unknown> = {}) => ({ name, project: "app", url: "postgresql://x/y", ...extra });
  const errors = (environments: unknown[]) => {
    const result = configFromObject({ ...base, environments }, { baseDir: root });
    return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
  };

  it.each<[string, unknown[], RegExp]>([
    ["an unknown stage", [env("a", { after: "nope" })], /environments\[0\]\.after: names no configured environment/],
    ["a stage of another project", [env("a"), { ...env("b", { after: "a" }), project: "other" }], /environments\[1\]\.after: "a" belongs to project "app"/],
    ["a cycle", [env("a", { after: "b" }), env("b", { after: "a" })], /makes a cycle in the promotion order/],
    ["itself", [env("a", { after: "a" })], /makes a cycle/],
    ["enforce without a stage", [env("a", { promotion: "enforce" })], /environments\[0\]\.promotion: "enforce" needs "after"/],
    ["an unknown mode", [env("a"), env("b", { after: "a", promotion: "refuse" })], /promotion must be "warn" or "enforce"/],
    ["a URL smuggled into after", [env("a", { after: "postgresql://u:secret@h/db" })], /names no configured environment/],
  ])("refuses %s", (_name, environments, expected) => {
    const found = errors(environments);
    expect(found.join("\n")).toMatch(expected);
    expect(found.join("\n")).not.toContain("secret@");
  });

  it("accepts a chain", () => {
    expect(errors([env("a"), env("b", { after: "a" }), env("c", { after: "b", promotion: "enforce" })])).toEqual([]);
  });
});
