import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationName, lockKeyPair, tryAdvisoryLock } from "../../lib/server/lock";
import { createTestDatabase, type TestDatabase } from "../db";

let db: TestDatabase;
const clients: pg.Client[] = [];

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: db.url });
  client.on("error", () => undefined);
  await client.connect();
  clients.push(client);
  return client;
}

beforeAll(async () => {
  db = await createTestDatabase("lock");
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  await db.drop();
});

describe("tryAdvisoryLock", () => {
  it("refuses a second holder at once and names the first", async () => {
    const [alice, bob] = [await connect(), await connect()];
    const first = await tryAdvisoryLock(alice, { key: "retort:public.v1", holder: "alice upgrade heads" });
    expect(first.ok).toBe(true);

    const startedAt = Date.now();
    const second = await tryAdvisoryLock(bob, { key: "retort:public.v1", holder: "bob stamp base" });
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(second).toMatchObject({ ok: false, heldBy: "retort: alice upgrade heads" });
    if (second.ok) throw new Error("unreachable");
    expect(new Date(second.since ?? "").getTime()).toBeGreaterThan(Date.now() - 600_000);

    if (first.ok) await first.release();
  });

  it("lets the next holder in once the first releases, and clears the published name", async () => {
    const [alice, bob] = [await connect(), await connect()];
    const first = await tryAdvisoryLock(alice, { key: "retort:public.v2", holder: "alice upgrade" });
    if (!first.ok) throw new Error("expected the lock");
    await first.release();
    const { rows } = await alice.query("SHOW application_name");
    expect(rows[0].application_name).not.toContain("retort:");

    const second = await tryAdvisoryLock(bob, { key: "retort:public.v2", holder: "bob upgrade" });
    expect(second.ok).toBe(true);
  });

  it("leaves no stale lock when the holder's connection is killed", async () => {
    const [victim, admin, next] = [await connect(), await connect(), await connect()];
    const held = await tryAdvisoryLock(victim, { key: "retort:public.v3", holder: "crashing run" });
    expect(held.ok).toBe(true);
    const { rows } = await victim.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    await admin.query("SELECT pg_terminate_backend($1, 5000)", [rows[0].pid]);

    const after = await tryAdvisoryLock(next, { key: "retort:public.v3", holder: "next run" });
    expect(after.ok).toBe(true);
  });

  it("keeps different version tables' locks independent", async () => {
    const [alice, bob] = [await connect(), await connect()];
    const a = await tryAdvisoryLock(alice, { key: "retort:public.alembic_version", holder: "alice" });
    const b = await tryAdvisoryLock(bob, { key: "retort:app.alembic_version", holder: "bob" });
    expect([a.ok, b.ok]).toEqual([true, true]);
  });
});

describe("lock naming", () => {
  it("derives a stable pair of int32 keys that differ between tables", () => {
    const [x, y] = lockKeyPair("retort:public.alembic_version");
    expect(lockKeyPair("retort:public.alembic_version")).toEqual([x, y]);
    expect(lockKeyPair("retort:app.alembic_version")).not.toEqual([x, y]);
    for (const part of [x, y]) expect(part).toBe(part | 0);
  });

  it("keeps the published holder within PostgreSQL's 63-byte application_name", () => {
    expect(applicationName("ünïcode " + "x".repeat(100))).toHaveLength(63);
    expect(applicationName("alice upgrade heads")).toBe("retort: alice upgrade heads");
  });
});
