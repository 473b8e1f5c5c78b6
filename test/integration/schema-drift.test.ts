// Drift on real databases, per backend: the cases (a)–(f). A fixture project is applied
// to a live database, changed by hand, and compared with the schema its replay in a scratch
// database of the same kind produces.
import fs from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SchemaDialect } from "../../lib/core/schema/model";
import { checksumRecordsFor, recordChecksums } from "../../lib/server/schema/checksums";
import { computeDrift, driftOutcome } from "../../lib/server/schema/drift";
import type { ReplayConnection } from "../../lib/server/schema/reader";
import type { ReplayProject } from "../../lib/server/schema/replay";
import { createSchemaCache } from "../../lib/server/schema/schema-cache";
import { BY_HAND, fixtureRevisions, loadSqlProject, REV, setVersionRows, upgradeLive, writeSqlProject } from "../schema/fixture-project";
import { createLiveDatabase, type LiveDatabase } from "../schema/live";

const DIALECTS: SchemaDialect[] = ["postgresql", "sqlite", "mysql"];
const TARGET = { table: "alembic_version", schema: null };

describe.each(DIALECTS)("drift on %s", (dialect) => {
  let live: LiveDatabase;
  let connection: ReplayConnection;
  let project: ReplayProject;
  let projectDir: { dir: string; drop(): Promise<void> };

  beforeEach(async () => {
    live = await createLiveDatabase(dialect);
    connection = await live.open();
    projectDir = await writeSqlProject(fixtureRevisions(dialect));
    project = await loadSqlProject(projectDir.dir);
  });

  afterEach(async () => {
    await connection.close();
    await live.drop();
    await projectDir.drop();
  });

  const drift = (rows: string[] | null) => computeDrift({ reader: connection, project, rows, target: TARGET, provider: live.provider, cache: createSchemaCache(null) });
  const summary = (differences: { change: string; kind: string; table: string | null; name: string }[]) =>
    differences.map((d) => `${d.change} ${d.kind} ${d.table ?? "-"}.${d.name}`).sort();

  it("(a) finds no differences in a database upgraded to the head, and no checksum table is no failure", async () => {
    const rows = await upgradeLive(connection, project, REV.pending);
    const report = await drift(rows);
    expect(report.error).toBeNull();
    expect(report.differences).toEqual([]);
    expect(report).toMatchObject({ rows: [REV.pending], compared_with: [REV.pending], matches: true, baseline: null, checksums: [] });
    expect(report.stats.replays).toBe(1);
    expect(driftOutcome(report)).toBe("matches");
  });

  it("(b) reports a column, an index and a unique constraint added by hand as extra, each by name", async () => {
    const rows = await upgradeLive(connection, project, REV.pending);
    await connection.execute(BY_HAND[dialect].additions);
    const report = await drift(rows);
    const unique = BY_HAND[dialect].additionsUnique;
    expect(summary(report.differences)).toEqual([
      "extra column customers.loyalty_points",
      "extra index customers.customers_created_idx",
      `extra ${unique.kind} ${unique.table}.${unique.name}`,
    ].sort());
    expect(report.matches).toBe(false);
    expect(driftOutcome(report)).toBe("differs");
    const column = report.differences.find((d) => d.name === "loyalty_points")!;
    expect(column.sql).toMatch(/ALTER TABLE .customers. DROP COLUMN .loyalty_points./);
  });

  it("(c) reports a dropped column, a changed type and a changed nullability", async () => {
    const rows = await upgradeLive(connection, project, REV.pending);
    await connection.execute(BY_HAND[dialect].removals);
    const report = await drift(rows);
    expect(summary(report.differences)).toEqual(["changed column orders.placed_at", "changed column products.name", "missing column customers.nickname"]);
    expect(report.differences.find((d) => d.name === "placed_at")).toMatchObject({ fields: ["nullable"], expected: { nullable: true }, actual: { nullable: false } });
    expect(report.differences.find((d) => d.name === "name")!.fields).toContain("type");
  });

  it("(d) puts the revision first among baseline candidates, with 0 differences, once the version table is gone", async () => {
    await upgradeLive(connection, project, REV.merge);
    await connection.execute("DROP TABLE alembic_version");
    const report = await drift(null);
    expect(report).toMatchObject({ rows: null, compared_with: null, matches: false });
    expect(report.baseline!.failure).toBeNull();
    expect(report.baseline!.candidates[0]).toMatchObject({ rows: [REV.merge], revision: REV.merge, differences: 0, changes: [] });
    expect(report.baseline!.candidates[1]!.differences).toBeGreaterThan(0);
  });

  it("(e) lists exactly the objects between the stamped revision and the real one", async () => {
    await upgradeLive(connection, project, REV.pending);
    await setVersionRows(connection, [REV.orders]);
    const report = await drift([REV.orders]);
    const between: Record<SchemaDialect, string[]> = {
      postgresql: ["extra column customers.nickname", "extra index customers.customers_lower_email", "extra table order_items.order_items", "extra sequence -.invoice_numbers",
        "extra view -.order_counts", "extra index orders.orders_pending_idx", "extra constraint products.products_name_key"],
      sqlite: ["extra column customers.nickname", "extra index customers.customers_lower_email", "extra table order_items.order_items", "extra view -.order_counts",
        "extra index orders.orders_pending_idx", "extra constraint products.UNIQUE (name)"],
      mysql: ["extra column customers.nickname", "extra index customers.customers_email_idx", "extra table order_items.order_items", "extra sequence -.invoice_numbers",
        "extra view -.order_counts", "extra index orders.orders_status_idx", "extra constraint products.products_name_key"],
    };
    // SQLite's CREATE UNIQUE INDEX is an index, not a constraint.
    if (dialect === "sqlite") between.sqlite[5] = "extra index products.products_name_key";
    expect(summary(report.differences)).toEqual(between[dialect].sort());
  });

  it("(f) reports an applied file edited after apply, and an applied revision whose file is gone", async () => {
    const rows = await upgradeLive(connection, project, REV.pending);
    const sources = [...project.sourcesById.values()];
    await recordChecksums(connection, { schema: null }, checksumRecordsFor(project.root, sources), "upgrade");
    expect((await drift(rows)).checksums).toEqual([]);
    const products = path.join(project.root, project.sourcesById.get(REV.products)!.path);
    await fs.appendFile(products, "\n-- edited after it was applied\n");
    const pending = path.join(project.root, project.sourcesById.get(REV.pending)!.path);
    await fs.rm(pending);
    project = await loadSqlProject(projectDir.dir);
    const report = await drift(rows);
    expect(report.checksums.map((c) => [c.revision, c.state])).toEqual([[REV.products, "edited"], [REV.pending, "missing-file"]].sort());
    expect(driftOutcome(report)).toBe("differs");
    // The row names a revision no longer in the directory: the baseline says where the schema is.
    expect(report.compared_with).toBeNull();
    expect(report.baseline!.candidates[0]).toMatchObject({ rows: [REV.merge] });
  });

  it("(g) leaves no difference that had SQL once each difference's reconciling SQL is run", async () => {
    const rows = await upgradeLive(connection, project, REV.pending);
    await connection.execute(BY_HAND[dialect].additions);
    await connection.execute(BY_HAND[dialect].removals);
    const before = await drift(rows);
    const withSql = before.differences.filter((d) => d.sql !== null);
    // (SQLite's rebuild of products dropped the unique index added by hand with the table.)
    expect(withSql.length).toBe(dialect === "sqlite" ? 3 : 6);
    for (const difference of withSql) await connection.execute(difference.sql!);
    const after = await drift(rows);
    // SQLite cannot alter a column in place: those differences never had SQL, and remain.
    expect(summary(after.differences)).toEqual(summary(before.differences.filter((d) => d.sql === null)));
    if (dialect !== "sqlite") expect(after.matches).toBe(true);
  });
});
