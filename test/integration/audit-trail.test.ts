import { afterEach, describe, expect, it } from "vitest";
import { rowHash } from "../../lib/server/meta/audit-chain";
import { appendAuditRecord } from "../../lib/server/meta/audit-trail";
import { verifyAuditTrail } from "../../lib/server/meta/audit-verify";
import { spawnCli } from "../cli-harness";
import { query } from "../db";
import { type TestMeta, useMetaDatabase } from "../meta";

// Retort's own audit trail: append-only, each row chained to the one before by a hash, and
// `retort audit verify` names the first row that was changed, removed or re-hashed.

let meta: TestMeta | null = null;
afterEach(async () => {
  await meta?.cleanup();
  meta = null;
});

async function trailOf(count: number): Promise<TestMeta> {
  meta = await useMetaDatabase();
  for (let i = 1; i <= count; i += 1) {
    await appendAuditRecord({ kind: "upgrade", actor: `user${i}`, environment: "prod", subject: `rev${i}`, detail: { steps: [`+r${i}`], ok: true, n: i } });
  }
  return meta;
}

/** As someone with the database's owner rights would: around the append-only triggers. */
async function tamper(url: string, sql: string): Promise<void> {
  await query(url, `BEGIN; SET LOCAL session_replication_role = replica; ${sql}; COMMIT;`);
}

const verifyCli = (url: string, ...args: string[]) => spawnCli(["audit", "verify", ...args], { RETORT_DATABASE_URL: url });

describe("the audit trail", () => {
  it("chains concurrent appends without gaps, and verifies", async () => {
    meta = await useMetaDatabase();
    await Promise.all(Array.from({ length: 25 }, (_, i) => appendAuditRecord({ kind: "sign-in", actor: `u${i}`, detail: { note: "caf\u00e9 \u0000 ok", nested: { b: 1, a: [true, null] } } })));
    const rows = await query<{ seq: string }>(meta.db.url, "SELECT seq FROM retort.audit_trail ORDER BY seq");
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await verifyAuditTrail()).toMatchObject({ ok: true, rows: 25, problem: null, unguarded: false });
  });

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    const { db } = await trailOf(2);
    await expect(query(db.url, "UPDATE retort.audit_trail SET actor = 'mallory' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(query(db.url, "DELETE FROM retort.audit_trail WHERE seq = 2")).rejects.toThrow(/append-only/);
    await expect(query(db.url, "TRUNCATE retort.audit_trail")).rejects.toThrow(/append-only/);
  });

  it("`retort audit verify` passes an intact trail and prints its head", async () => {
    const { db } = await trailOf(5);
    const run = verifyCli(db.url);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Audit trail intact: 5 row\(s\)\.\nHead: 5:[0-9a-f]{64}/);
    const json = verifyCli(db.url, "--json");
    expect(json.json).toMatchObject({ ok: true, rows: 5, head: { seq: 5 } });
  });

  it("names a row whose contents were changed", async () => {
    const { db } = await trailOf(6);
    await tamper(db.url, "UPDATE retort.audit_trail SET actor = 'mallory' WHERE seq = 4");
    const run = verifyCli(db.url);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("row 4 (upgrade by mallory) was changed after it was written");
    expect(run.stdout).toContain("3 row(s) before it verified");
  });

  it("names a row that was deleted", async () => {
    const { db } = await trailOf(6);
    await tamper(db.url, "DELETE FROM retort.audit_trail WHERE seq = 3");
    const run = verifyCli(db.url, "--json");
    expect(run.code).toBe(1);
    expect(run.json.problem).toMatchObject({ kind: "missing", seq: 3, message: expect.stringContaining("row 3 is missing") });
  });

  it("names a row that was changed and re-hashed to hide it", async () => {
    const { db } = await trailOf(6);
    const [row] = await query<Record<string, unknown>>(db.url, "SELECT * FROM retort.audit_trail WHERE seq = 2");
    const forged = { seq: 2, recordedAt: (row!.recorded_at as Date).toISOString(), kind: "upgrade", actor: "nobody", environment: "prod", subject: "rev2", detail: row!.detail as never, prevHash: row!.prev_hash as string };
    await tamper(db.url, `UPDATE retort.audit_trail SET actor = 'nobody', hash = '${rowHash(forged)}' WHERE seq = 2`);
    const result = await verifyAuditTrail();
    expect(result.problem).toMatchObject({ kind: "relinked", seq: 2 });
    expect(verifyCli(db.url).stdout).toContain("row 2 was replaced or re-hashed");
  });

  it("catches the newest rows cut off, given the head noted earlier", async () => {
    const { db } = await trailOf(5);
    const head = (await verifyAuditTrail()).head!;
    await tamper(db.url, "DELETE FROM retort.audit_trail WHERE seq >= 4");
    expect(verifyCli(db.url).code).toBe(0);
    const run = verifyCli(db.url, "--head", `${head.seq}:${head.hash}`);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("row 5, noted earlier as the head, is gone (the trail now ends at 3)");
    expect(verifyCli(db.url, "--head", "5:nothex").code).toBe(2);
  });

  it("warns when the append-only triggers were disabled", async () => {
    const { db } = await trailOf(1);
    await query(db.url, "ALTER TABLE retort.audit_trail DISABLE TRIGGER audit_trail_no_update");
    expect(await verifyAuditTrail()).toMatchObject({ ok: true, unguarded: true });
    expect(verifyCli(db.url).stdout).toContain("WARNING: the audit trail's append-only triggers are missing or disabled");
  });
});
