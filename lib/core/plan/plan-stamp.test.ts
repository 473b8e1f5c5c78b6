import { describe, expect, it } from "vitest";
import { planStamp } from "./plan-stamp";
import { FIXTURES, mapOf } from "../graph/test-graph";
import type { StampPlan, VersionOp } from "../types";

function stamp(spec: string, targets: string[], rows: string[], purge = false): StampPlan {
  const result = planStamp(mapOf(spec), { targets, rows, purge });
  if (!result.ok) throw new Error(`unexpected refusal: ${result.error.message}`);
  return result.value;
}

const sql = (ops: VersionOp[]) =>
  ops.map((o) => (o.op === "insert" ? `INSERT ${o.revision}` : o.op === "delete" ? `DELETE ${o.revision}` : `UPDATE ${o.from}→${o.to}`));

const { branched, merged, linear } = FIXTURES;
const mergedF = `${merged}; f<-e`;
const MULTI_HEADS = "a; b<-a; c<-b; d<-b; e<-d; f<-b";
const FOREST = "a1; b1<-a1; a2; b2<-a2";

describe("stamp final rows and SQL (§5 verified table)", () => {
  it.each([
    ["stamp head on an empty table", merged, ["head"], [], ["INSERT e"], ["e"]],
    ["{c1, d2} stamp e", merged, ["e"], ["c1", "d2"], ["DELETE c1", "UPDATE d2→e"], ["e"]],
    ["{e} stamp b", merged, ["b"], ["e"], ["UPDATE e→b"], ["b"]],
    ["{b} stamp heads (single head e)", merged, ["heads"], ["b"], ["UPDATE b→e"], ["e"]],
    ["{d1, c2} stamp b", branched, ["b"], ["d1", "c2"], ["DELETE d1", "UPDATE c2→b"], ["b"]],
    ["{d1, d2} stamp c1branch@base", branched, ["c1branch@base"], ["d1", "d2"], ["DELETE d1"], ["d2"]],
    ["{d1, c2} stamp c2branch@head", branched, ["c2branch@head"], ["d1", "c2"], ["UPDATE c2→d2"], ["d1", "d2"]],
    ["{d1} stamp c2", branched, ["c2"], ["d1"], ["INSERT c2"], ["c2", "d1"]],
    ["{d1, d2} stamp a", branched, ["a"], ["d1", "d2"], ["DELETE d1", "UPDATE d2→a"], ["a"]],
    ["{a} stamp d1 d2", branched, ["d1", "d2"], ["a"], ["UPDATE a→d1", "INSERT d2"], ["d1", "d2"]],
    ["{d1} stamp c1", branched, ["c1"], ["d1"], ["UPDATE d1→c1"], ["c1"]],
    ["{d1} stamp heads (no merge)", branched, ["heads"], ["d1"], ["INSERT d2"], ["d1", "d2"]],
    ["{d1, d2} stamp base (table kept, no rows)", branched, ["base"], ["d1", "d2"], ["DELETE d1", "DELETE d2"], []],
    ["{c1, d1} stamp heads", merged, ["heads"], ["c1", "d1"], ["DELETE c1", "UPDATE d1→e"], ["e"]],
    ["{m1, x1} stamp m2 x2 (two roots)", "m1; m2<-m1; x1; x2<-x1", ["m2", "x2"], ["m1", "x1"], ["DELETE m1", "UPDATE x1→m2", "INSERT x2"], ["m2", "x2"]],
    ["§10.20 stamp base from {d}", linear, ["base"], ["d"], ["DELETE d"], []],
    ["no targets means base", linear, [], ["d"], ["DELETE d"], []],
    ["§10.27 {e} stamp c2", mergedF, ["c2"], ["e"], ["UPDATE e→c2"], ["c2"]],
    ["§10.27 {e} stamp a", mergedF, ["a"], ["e"], ["UPDATE e→a"], ["a"]],
    ["§10.27 {c2} stamp e", mergedF, ["e"], ["c2"], ["UPDATE c2→e"], ["e"]],
    ["§10.27 {d1, c2} stamp e", mergedF, ["e"], ["d1", "c2"], ["DELETE d1", "UPDATE c2→e"], ["e"]],
    ["§10.27 {d1, c2} stamp c2branch@head", mergedF, ["c2branch@head"], ["d1", "c2"], ["DELETE d1", "UPDATE c2→f"], ["f"]],
    ["§10.27 {b} stamp e", mergedF, ["e"], ["b"], ["UPDATE b→e"], ["e"]],
    ["§10.32 {e1, c2} stamp b1", "a1; b1<-a1; c1<-b1; d1<-c1; e1<-d1; a2; b2<-a2; c2<-b2 dep=c1", ["b1"], ["e1", "c2"], ["DELETE e1", "UPDATE c2→b1"], ["b1"]],
    ["§10.39 forest heads from ()", FOREST, ["heads"], [], ["INSERT b1", "INSERT b2"], ["b1", "b2"]],
    ["§10.39 forest heads from (b1, b2)", FOREST, ["heads"], ["b1", "b2"], [], ["b1", "b2"]],
    ["§10.45 multi-heads heads", MULTI_HEADS, ["heads"], [], ["INSERT c", "INSERT e", "INSERT f"], ["c", "e", "f"]],
    ["§10.46 {a} stamp e f", MULTI_HEADS, ["e", "f"], ["a"], ["UPDATE a→e", "INSERT f"], ["e", "f"]],
    ["§10.46 {c, e} stamp c e again does nothing", MULTI_HEADS, ["c", "e"], ["c", "e"], [], ["c", "e"]],
    ["§10.48 head on an empty table", "a; b<-a", ["head"], [], ["INSERT b"], ["b"]],
    ["§10.48 {a} stamp b", "a; b<-a", ["b"], ["a"], ["UPDATE a→b"], ["b"]],
    ["§10.48 {b} stamp a", "a; b<-a", ["a"], ["b"], ["UPDATE b→a"], ["a"]],
    ["§10.48 {b} stamp b", "a; b<-a", ["b"], ["b"], [], ["b"]],
  ])("%s", (_name, spec, targets, rows, expected, after) => {
    const plan = stamp(spec, targets, rows);
    expect(sql(plan.ops)).toEqual(expected);
    expect(plan.after).toEqual(after);
    expect(plan.notes).toEqual([]);
  });
});

describe("where Alembic crashes or allows an inconsistent state", () => {
  it("stamps downward from a merge to two revisions by delete-then-insert (Alembic: KeyError)", () => {
    const plan = stamp(merged, ["d1", "d2"], ["e"]);
    expect(sql(plan.ops)).toEqual(["DELETE e", "INSERT d1", "INSERT d2"]);
    expect(plan.after).toEqual(["d1", "d2"]);
    expect(plan.notes[0]).toContain("KeyError");
  });

  it("keeps unrelated rows when it replaces the crashing part", () => {
    const plan = stamp(`${merged}; x1; x2<-x1`, ["d1", "d2"], ["e", "x2"]);
    expect(plan.after).toEqual(["d1", "d2", "x2"]);
  });

  it.each([
    ["{} stamp c1 d1", branched, ["c1", "d1"], [], ["c1", "d1"]],
    ["§10.45 stamp a e f", MULTI_HEADS, ["a", "e", "f"], [], ["a", "e", "f"]],
  ])("writes overlapping rows like Alembic but says so: %s", (_name, spec, targets, rows, after) => {
    const plan = stamp(spec, targets, rows);
    expect(plan.after).toEqual(after);
    expect(plan.notes.join(" ")).toContain("will overlap");
  });
});

describe("purge (§5)", () => {
  it("purges every row, known or not, then stamps from empty", () => {
    const plan = stamp(branched, ["d1", "d2"], ["fake", "c1"], true);
    expect(plan.purge).toBe(true);
    expect(sql(plan.ops)).toEqual(["INSERT d1", "INSERT d2"]);
    expect(plan.before).toEqual(["c1", "fake"]);
    expect(plan.after).toEqual(["d1", "d2"]);
  });

  it("§10.46 purge a e f from a fake row", () => {
    expect(stamp(MULTI_HEADS, ["a", "e", "f"], ["fake"], true).after).toEqual(["a", "e", "f"]);
  });
});

describe("refusals", () => {
  it.each([
    ["head with two heads", branched, ["head"], [], "multiple-heads", "Multiple heads are present; please specify a single target revision"],
    ["label@head with two heads on the label", "a label=L; b1<-a; b2<-a", ["L@head"], [], "multiple-heads", "Multiple heads are present; please specify a single target revision"],
    ["unknown row without purge", branched, ["d1"], ["fake"], "unknown-revision", "Can't locate revision identified by 'fake'"],
    ["unknown target", branched, ["zzzz"], [], "unknown-revision", "Can't locate revision identified by 'zzzz'"],
    ["relative forms are not stamp targets", branched, ["b+1"], [], "unknown-revision", "Can't locate revision identified by 'b+1'"],
    ["graph problems", "a; b<-a; c<-b label=a", ["b"], [], "graph-problems", "Branch name 'a' in revision c already used by revision a"],
  ])("%s", (_name, spec, targets, rows, code, message) => {
    const result = planStamp(mapOf(spec), { targets, rows, purge: false });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(message);
  });
});
