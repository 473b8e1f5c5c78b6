import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { openConnection } from "../../lib/server/db/connect";
import type { DbConnection } from "../../lib/server/db/types";
import { applicationName, lockKeyPair, tryRunLock } from "../../lib/server/lock";
import { closeAllPools } from "../../lib/server/pg";
import { BACKEND_KINDS, createTarget, withMysql, type BackendKind, type TestTarget } from "../backends";
import { query } from "../db";

const target = { table: "alembic_version" };

describe.each(BACKEND_KINDS)("the run lock on %s", (kind: BackendKind) => {
  let db: TestTarget;
  const open: DbConnection[] = [];
  const connect = async () => {
    const conn = await openConnection(db.url, { create: true });
    open.push(conn);
    return conn;
  };
  beforeEach(async () => {
    db = await createTarget(kind, "lock");
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    await db.drop();
  });
  afterAll(closeAllPools);

  it("refuses a second holder at once and names the first", async () => {
    const [alice, bob] = [await connect(), await connect()];
    const first = await tryRunLock(alice, target, "alice upgrade heads");
    expect(first.ok).toBe(true);
    const startedAt = Date.now();
    const second = await tryRunLock(bob, target, "bob stamp base");
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(second).toMatchObject({ ok: false });
    if (second.ok) throw new Error("unreachable");
    expect(second.heldBy).toContain("alice upgrade heads");
    expect(new Date(second.since ?? "").getTime()).toBeGreaterThan(Date.now() - 600_000);
    if (first.ok) await first.release();
  });

  it("lets the next holder in once the first releases", async () => {
    const [alice, bob] = [await connect(), await connect()];
    const first = await tryRunLock(alice, target, "alice upgrade");
    if (!first.ok) throw new Error("expected the lock");
    await first.release();
    expect((await tryRunLock(bob, target, "bob upgrade")).ok).toBe(true);
  });

  if (kind !== "sqlite") {
    it("leaves no stale lock when the holder's connection is killed", async () => {
      const [victim, next] = [await connect(), await connect()];
      expect((await tryRunLock(victim, target, "crashing run")).ok).toBe(true);
      if (kind === "postgresql") {
        const { rows } = await victim.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
        await query(db.url, "SELECT pg_terminate_backend($1, 5000)", [rows[0]!.pid]);
      } else {
        const { rows } = await victim.query<{ id: number }>("SELECT CONNECTION_ID() AS id");
        await withMysql(db.url, (c) => c.query(`KILL ${Number(rows[0]!.id)}`));
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect((await tryRunLock(next, target, "next run")).ok).toBe(true);
    });

    it("keeps different version tables' locks independent", async () => {
      const [alice, bob] = [await connect(), await connect()];
      const a = await tryRunLock(alice, { table: "alembic_version" }, "alice");
      const b = await tryRunLock(bob, { table: "other_versions" }, "bob");
      expect([a.ok, b.ok]).toEqual([true, true]);
    });
  } else {
    it("refuses while another program holds the database's write lock, and says it is not Retort", async () => {
      const [other, bob] = [await connect(), await connect()];
      await other.begin({ immediate: true });
      const attempt = await tryRunLock(bob, target, "bob upgrade");
      expect(attempt).toMatchObject({ ok: false });
      if (!attempt.ok) expect(attempt.heldBy).toContain("not Retort");
      await other.rollback();
      // The lock file of the refused attempt was taken back.
      expect((await tryRunLock(bob, target, "bob again")).ok).toBe(true);
    });
  }
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
