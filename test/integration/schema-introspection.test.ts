// Introspection on real databases: every object kind each backend has, equal schemas written
// differently reading as equal, and objects Retort does not model listed rather than lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareSchemas } from "../../lib/core/schema/diff";
import type { SchemaDialect, SchemaModel } from "../../lib/core/schema/model";
import { computeDrift } from "../../lib/server/schema/drift";
import { introspectSchema } from "../../lib/server/schema/introspect";
import { createSchemaCache } from "../../lib/server/schema/schema-cache";
import { fixtureRevisions, loadSqlProject, REV, upgradeLive, writeSqlProject } from "../schema/fixture-project";
import { createLiveDatabase, type LiveDatabase } from "../schema/live";
import { withTestConnection } from "../schema/connections";

const DIALECTS: SchemaDialect[] = ["postgresql", "sqlite", "mysql"];

async function schemaAfter(live: LiveDatabase, sql: string): Promise<SchemaModel> {
  return withTestConnection(live.url, async (c) => {
    await c.execute(sql);
    return introspectSchema({ reader: c });
  });
}

describe.each(DIALECTS)("introspection of %s", (dialect) => {
  const created: LiveDatabase[] = [];
  const fresh = async () => {
    const live = await createLiveDatabase(dialect);
    created.push(live);
    return live;
  };
  let head: SchemaModel;

  beforeAll(async () => {
    const live = await fresh();
    const dir = await writeSqlProject(fixtureRevisions(dialect));
    const project = await loadSqlProject(dir.dir);
    head = await withTestConnection(live.url, async (c) => {
      await upgradeLive(c, project, REV.pending);
      return introspectSchema({ reader: c });
    });
    await dir.drop();
  });

  afterAll(async () => {
    for (const live of created) await live.drop();
  });

  const table = (name: string) => head.tables.find((t) => t.name === name)!;

  it("reads tables and columns with types, nullability, defaults and identity, leaving the version table out", () => {
    expect(head.tables.map((t) => t.name)).toEqual(["customers", "order_items", "orders", "products"]);
    const customers = table("customers");
    expect(customers.columns.map((c) => c.name)).toEqual(["id", "email", "created_at", "nickname"]);
    const id = customers.columns[0]!;
    expect(id.identity).toBe(dialect === "postgresql" ? "always" : "auto-increment");
    expect(id.nullable).toBe(dialect === "sqlite");
    const status = table("orders").columns.find((c) => c.name === "status")!;
    expect(status).toMatchObject({ nullable: false, default: "'pending'", type: { postgresql: "order_status", sqlite: "text", mysql: "enum('pending','paid')" }[dialect] });
    const created = customers.columns.find((c) => c.name === "created_at")!;
    expect(created.default).toBe(dialect === "postgresql" ? "now()" : "current_timestamp");
    expect(table("products").columns.find((c) => c.name === "price")!.type).toBe({ postgresql: "numeric(10,2)", sqlite: "numeric", mysql: "decimal(10,2)" }[dialect]);
  });

  it("reads primary keys, unique constraints, foreign keys with their actions, and checks", () => {
    expect(table("order_items").primaryKey!.columns).toEqual(["order_id", "product_id"]);
    expect(table("products").uniques.map((u) => u.columns)).toContainEqual(["sku"]);
    const fk = table("orders").foreignKeys[0]!;
    expect(fk).toMatchObject({ columns: ["customer_id"], referencedTable: "customers", referencedColumns: ["id"], onDelete: "cascade" });
    expect(table("order_items").foreignKeys.map((f) => f.referencedTable).sort()).toEqual(["orders", "products"]);
    expect(table("order_items").checks.map((c) => c.expression)).toEqual(["quantity > 0"]);
    expect(table("products").checks.map((c) => c.expression)).toEqual([dialect === "postgresql" ? "price >= 0::numeric" : "price >= 0"]);
  });

  it("reads indexes: column order and direction, expressions, prefixes and partial predicates", () => {
    expect(table("orders").indexes.find((i) => i.name === "orders_customer_idx")).toMatchObject({ unique: false, columns: ["customer_id", "placed_at desc"], predicate: null });
    if (dialect === "mysql") {
      expect(table("customers").indexes).toMatchObject([{ name: "customers_email_idx", columns: ["email(20)"] }]);
      return;
    }
    expect(table("customers").indexes).toMatchObject([{ name: "customers_lower_email", unique: true, columns: ["lower(email)"] }]);
    const partial = table("orders").indexes.find((i) => i.name === "orders_pending_idx")!;
    expect(partial.predicate).toBe(dialect === "postgresql" ? "status = 'pending'::order_status" : "status = 'pending'");
  });

  it("reads views, sequences and enum types where the backend has them", () => {
    expect(head.views.map((v) => v.name)).toEqual(["order_counts"]);
    // MySQL stores count(*) as count(0); each backend's own spelling is kept.
    expect(head.views[0]!.definition).toMatch(/^select .*customer_id.*, count\((\*|0)\) as orders from orders group by .*customer_id$/);
    expect(head.sequences.map((s) => s.name)).toEqual(dialect === "postgresql" ? ["invoice_numbers", "products_id_seq"] : dialect === "mysql" ? ["invoice_numbers"] : []);
    if (dialect !== "sqlite") expect(head.sequences.find((s) => s.name === "invoice_numbers")!.start).toBe("1000");
    expect(head.enums).toEqual(dialect === "postgresql" ? [{ name: "order_status", labels: ["pending", "paid"] }] : []);
  });

  it("reads the same schema written two ways as equal", async () => {
    const spelt: Record<SchemaDialect, [string, string]> = {
      postgresql: [
        "CREATE TABLE t (a int4 NOT NULL DEFAULT 0, b character varying(32) DEFAULT 'x'::text, c timestamp with time zone, d bool, CONSTRAINT t_a_check CHECK ((a > 0)))",
        "CREATE TABLE t (a integer NOT NULL DEFAULT '0', b varchar(32) DEFAULT 'x', c timestamptz, d boolean, CONSTRAINT t_a_check CHECK (a>0))",
      ],
      sqlite: [
        "CREATE TABLE t (a INT NOT NULL DEFAULT 0, b VARCHAR(32) DEFAULT 'x', c DOUBLE, CONSTRAINT t_a_check CHECK ((a > 0)))",
        'CREATE TABLE "t" ("a" integer NOT NULL DEFAULT (0), b text DEFAULT \'x\', c real, CONSTRAINT t_a_check CHECK (A>0))',
      ],
      mysql: [
        "CREATE TABLE t (a int(11) NOT NULL DEFAULT 0, b varchar(32) DEFAULT 'x', c boolean, d numeric(8), CONSTRAINT t_a_check CHECK ((a > 0)))",
        "CREATE TABLE t (a INTEGER NOT NULL DEFAULT '0', b VARCHAR(32) DEFAULT 'x', c tinyint(1), d decimal(8,0), CONSTRAINT t_a_check CHECK (`a`>0))",
      ],
    };
    const [one, two] = [await schemaAfter(await fresh(), spelt[dialect][0]), await schemaAfter(await fresh(), spelt[dialect][1])];
    expect(one.tables[0]!.columns.length).toBe(dialect === "sqlite" ? 3 : 4);
    expect(compareSchemas(one, two).differences).toEqual([]);
    expect(compareSchemas(one, await schemaAfter(await fresh(), spelt[dialect][0].replace("DEFAULT 0", "DEFAULT 1"))).differences).toMatchObject([{ change: "changed", name: "a", fields: ["default"] }]);
  });

  it("lists objects Retort does not model in the report, never counting them as drift", async () => {
    const live = await fresh();
    const dir = await writeSqlProject(fixtureRevisions(dialect).slice(0, 3));
    const project = await loadSqlProject(dir.dir);
    const extra: Record<SchemaDialect, string> = {
      postgresql: "CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0); CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();",
      sqlite: "CREATE TRIGGER orders_touch AFTER UPDATE ON orders BEGIN SELECT 1; END;",
      mysql: "CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW SET NEW.placed_at = NOW(); CREATE PROCEDURE noop() SELECT 1;",
    };
    const report = await withTestConnection(live.url, async (c) => {
      const rows = await upgradeLive(c, project, REV.orders);
      await c.execute(extra[dialect]);
      return computeDrift({ reader: c, project, rows, provider: live.provider, cache: createSchemaCache(null) });
    });
    await dir.drop();
    expect(report.differences).toEqual([]);
    const seen = report.unmodelled.map((u) => `${u.kind} ${u.name} ${u.inExpected ? "expected" : ""}${u.inActual ? "actual" : ""}`).sort();
    expect(seen).toEqual({
      postgresql: ["domain positive_int actual", "function touch() actual", "trigger orders_touch actual"],
      sqlite: ["trigger orders_touch actual"],
      mysql: ["procedure noop actual", "trigger orders_touch actual"],
    }[dialect]);
  });

  it.runIf(dialect === "postgresql")("reads the configured schemas, naming tables outside the first as schema.table", async () => {
    const live = await fresh();
    const sql = "CREATE TABLE customers (id integer PRIMARY KEY); CREATE SCHEMA app; CREATE TABLE app.accounts (id integer PRIMARY KEY, customer_id integer REFERENCES public.customers (id)); CREATE VIEW app.v AS SELECT 1 AS one;";
    const models = await withTestConnection(live.url, async (c) => {
      await c.execute(sql);
      return [await introspectSchema({ reader: c }), await introspectSchema({ reader: c, schemas: ["public", "app"] }), await introspectSchema({ reader: c, schemas: ["app", "public"] })];
    });
    expect(models[0]!.tables.map((t) => t.name)).toEqual(["customers"]);
    expect(models[1]!.tables.map((t) => t.name)).toEqual(["app.accounts", "customers"]);
    expect(models[1]!.views.map((v) => v.name)).toEqual(["app.v"]);
    expect(models[2]!.tables.map((t) => t.name)).toEqual(["accounts", "public.customers"]);
    expect(models[2]!.tables[0]!.foreignKeys[0]!.referencedTable).toBe("public.customers");
  });
});
