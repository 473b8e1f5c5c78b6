import { describe, expect, it } from "vitest";
import type { RevisionMap } from "../graph/revision-map";
import { chainSpec, mapOf } from "../graph/test-graph";
import { type BaselineSearchInput, searchBaseline } from "./baseline-search";
import type { SchemaModel, TableModel } from "./model";
import { replayOrder } from "./revision-sets";
import { column, schema, table } from "./test-models";

// Each revision's effect on a synthetic schema: create a table, add a column, drop a table, or
// nothing (a merge). The search sees only schemas, as it does against scratch databases.
type Effect = { create: string } | { addColumn: [string, string] } | { drop: string } | "nothing";

function schemaOf(revisions: readonly string[], effects: Record<string, Effect>): SchemaModel {
  const tables = new Map<string, TableModel>();
  for (const revision of revisions) {
    const effect = effects[revision] ?? "nothing";
    if (effect === "nothing") continue;
    if ("create" in effect) tables.set(effect.create, table(effect.create, [column("id", "integer")]));
    else if ("drop" in effect) tables.delete(effect.drop);
    else tables.get(effect.addColumn[0])!.columns.push(column(effect.addColumn[1], "text"));
  }
  return schema("postgresql", [...tables.values()]);
}

function setup(map: RevisionMap, effects: Record<string, Effect>, live: SchemaModel) {
  const order = replayOrder(map);
  const calls = { prefix: 0, rows: 0 };
  const input: BaselineSearchInput = {
    map,
    order,
    live,
    schemaAtPrefix: async (n) => (calls.prefix++, { ok: true, schema: schemaOf(order.slice(0, n), effects) }),
    schemaAtRows: async (rows) => (calls.rows++, { ok: true, schema: schemaOf(order.filter((id) => map.ancestors(rows).has(id)), effects) }),
  };
  return { input, calls, order };
}

const chain = (length: number) => {
  const map = mapOf(chainSpec("r", length));
  const effects: Record<string, Effect> = {};
  for (let i = 0; i < length; i++) effects[`r${i}`] = i % 3 === 2 ? { addColumn: [`t${i - 1}`, `c${i}`] } : { create: `t${i}` };
  return { map, effects };
};

describe("searchBaseline", () => {
  it.each([0, 1, 17, 36, 37, 38, 99])("finds a database at revision %i of a 100-revision chain exactly, reading few schemas", async (at) => {
    const { map, effects } = chain(100);
    const { input, calls, order } = setup(map, effects, schemaOf(chainSpec("r", 100).split("; ").slice(0, at + 1).map((e) => e.split("<-")[0]!), effects));
    const result = await searchBaseline(input);
    expect(result.failure).toBeNull();
    expect(result.candidates[0]).toMatchObject({ rows: [order[at]], differences: 0 });
    expect(result.candidates[1]!.differences).toBeGreaterThan(0);
    // sqrt(100) = 10 checkpoints at most, and one segment of 10 read revision by revision.
    expect(calls.prefix + calls.rows).toBeLessThanOrEqual(24);
  });

  it("reads about 2·sqrt(N) schemas on a 1,000-revision chain", async () => {
    const { map, effects } = chain(1000);
    const applied = Array.from({ length: 601 }, (_, i) => `r${i}`);
    const { input, calls } = setup(map, effects, schemaOf(applied, effects));
    const result = await searchBaseline(input);
    expect(result.candidates[0]).toMatchObject({ rows: ["r600"], differences: 0 });
    expect(calls.prefix + calls.rows).toBeLessThanOrEqual(2 * 32 + 2);
  });

  it("ranks a database changed by hand: the right revision first, with its one difference", async () => {
    const { map, effects } = chain(50);
    const live = schemaOf(["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "r16", "r17", "r18", "r19", "r20"], effects);
    live.tables[0]!.columns.push(column("added_by_hand", "text"));
    const result = await searchBaseline(setup(map, effects, live).input);
    expect(result.candidates[0]).toMatchObject({ rows: ["r20"], differences: 1, extra: 1 });
  });

  it("finds the head of a database made by create_all, even when the last revision changes no schema", async () => {
    const map = mapOf("a; b<-a; c<-a; m<-b,c; d<-m; e<-d");
    const effects: Record<string, Effect> = { a: { create: "ta" }, b: { create: "tb" }, c: { create: "tc" }, d: { create: "td" }, e: "nothing" };
    const result = await searchBaseline(setup(map, effects, schemaOf(["a", "b", "c", "m", "d", "e"], effects)).input);
    expect(result.candidates[0]).toMatchObject({ rows: ["e"], differences: 0 });
    expect(result.candidates.slice(1).every((c) => c.differences > 0)).toBe(true);
  });

  it("survives a later revision that drops what an earlier one created", async () => {
    const map = mapOf(chainSpec("r", 30));
    const effects: Record<string, Effect> = {};
    for (let i = 0; i < 30; i++) effects[`r${i}`] = { create: `t${i}` };
    effects.r12 = { drop: "t3" };
    const applied = Array.from({ length: 16 }, (_, i) => `r${i}`);
    const result = await searchBaseline(setup(map, effects, schemaOf(applied, effects)).input);
    expect(result.candidates[0]).toMatchObject({ rows: ["r15"], differences: 0 });
  });

  it("finds one branch of a fork applied without the other, which is no prefix of the order", async () => {
    const spec = `base; ${chainSpec("a", 12, "base")}; ${chainSpec("b", 12, "base")}; m<-a11,b11`;
    const map = mapOf(spec);
    const effects: Record<string, Effect> = { base: { create: "base" } };
    for (let i = 0; i < 12; i++) Object.assign(effects, { [`a${i}`]: { create: `ta${i}` }, [`b${i}`]: { create: `tb${i}` } });
    const applied = ["base", ...Array.from({ length: 12 }, (_, i) => `b${i}`)];
    const { input, order } = setup(map, effects, schemaOf(applied, effects));
    // Load order interleaves the branches, so no prefix is the b branch alone.
    expect(order.indexOf("a5")).toBeGreaterThan(order.indexOf("b0"));
    const result = await searchBaseline(input);
    expect(result.candidates[0]).toMatchObject({ rows: ["b11"], differences: 0 });
  });

  it("stops at a migration that fails to replay, naming it, and ranks what it could read", async () => {
    const { map, effects } = chain(40);
    const { input, order } = setup(map, effects, schemaOf(["r0", "r1", "r2", "r3", "r4", "r5"], effects));
    const failAt = order.indexOf("r20") + 1;
    const prefix = input.schemaAtPrefix;
    input.schemaAtPrefix = async (n) => (n >= failAt ? { ok: false, message: "relation t19 already exists", revision: "r20" } : prefix(n));
    const result = await searchBaseline(input);
    expect(result.failure).toEqual({ revision: "r20", message: "relation t19 already exists" });
    expect(result.candidates[0]).toMatchObject({ rows: ["r5"], differences: 0 });
  });

  it("gives an empty database the empty set", async () => {
    const { map, effects } = chain(10);
    const result = await searchBaseline(setup(map, effects, schemaOf([], effects)).input);
    expect(result.candidates[0]).toMatchObject({ rows: [], differences: 0 });
  });
});
