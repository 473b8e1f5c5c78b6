// retort_revision on real databases: absent reads as no records, records are upserted and
// forgotten, and the table sits beside a version table in another schema / database.
import { afterEach, describe, expect, it } from "vitest";
import type { SchemaDialect } from "../../lib/core/schema/model";
import { checksumTableDdl, forgetChecksums, readChecksums, recordChecksums } from "../../lib/server/schema/checksums";
import { introspectSchema } from "../../lib/server/schema/introspect";
import { withTestConnection } from "../schema/connections";
import { createLiveDatabase, type LiveDatabase } from "../schema/live";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function live(dialect: SchemaDialect): Promise<LiveDatabase> {
  const db = await createLiveDatabase(dialect);
  cleanups.push(db.drop);
  return db;
}

const record = (revision: string, sha256: string) => ({ revision, path: `versions/${revision}.sql`, sha256 });

describe.each(["postgresql", "sqlite", "mysql"] as SchemaDialect[])("retort_revision on %s", (dialect) => {
  it("reads an absent table as absent, records, replaces, forgets, and is never reported as drift", async () => {
    const db = await live(dialect);
    await withTestConnection(db.url, async (c) => {
      expect(await readChecksums(c, { schema: null })).toEqual({ table: "absent", records: [] });
      await forgetChecksums(c, { schema: null }, ["a1"]);
      await recordChecksums(c, { schema: null }, [record("a1", "1".repeat(64)), record("b2", "2".repeat(64))], "upgrade");
      await recordChecksums(c, { schema: null }, [record("b2", "3".repeat(64))], "stamp");
      expect(await readChecksums(c, { schema: null })).toEqual({ table: "present", records: [record("a1", "1".repeat(64)), record("b2", "3".repeat(64))] });
      await forgetChecksums(c, { schema: null }, ["a1"]);
      expect((await readChecksums(c, { schema: null })).records.map((r) => r.revision)).toEqual(["b2"]);
      expect((await introspectSchema({ reader: c })).tables).toEqual([]);
    });
  });

  it.skipIf(dialect === "sqlite")("sits beside a version table kept in another schema", async () => {
    const db = await live(dialect);
    const other = dialect === "mysql" ? await live("mysql") : null;
    const schema = other ? new URL(other.url).pathname.slice(1) : "ledger_meta";
    await withTestConnection(db.url, async (c) => {
      if (!other) await c.execute(`CREATE SCHEMA ${schema}`);
      await recordChecksums(c, { schema }, [record("a1", "1".repeat(64))], "stamp");
      expect(await readChecksums(c, { schema })).toMatchObject({ table: "present", records: [record("a1", "1".repeat(64))] });
      expect(await readChecksums(c, { schema: null })).toEqual({ table: "absent", records: [] });
    });
  });

  it("refuses a schema name that is no plain identifier before running anything", async () => {
    const db = await live(dialect);
    await withTestConnection(db.url, async (c) => {
      if (dialect === "sqlite") return expect(checksumTableDdl(c, { schema: "x; DROP TABLE y" })).toMatch(/^CREATE TABLE IF NOT EXISTS "retort_revision"/);
      expect(() => checksumTableDdl(c, { schema: 'x"; DROP TABLE y' })).toThrow(/Invalid version table schema/);
      expect(await readChecksums(c, { schema: 'x"; DROP TABLE y' })).toMatchObject({ table: "unreadable" });
    });
  });
});
