import { describe, expect, it } from "vitest";
import { createRng } from "../../../test/compat/prng";
import { historyOrder } from "./history";
import { mapOf } from "./test-graph";
import { upgradeAncestry } from "../plan/plan-upgrade";
import { planSteps } from "../plan/version-rows";
import { PlanAncestry, topoSortDescending } from "./traverse";

/** A random DAG in test-graph's language: each revision has one to three earlier parents, some dependencies. */
function randomSpec(seed: number, size: number): string {
  const rng = createRng(seed);
  const entries = ["r0"];
  for (let i = 1; i < size; i++) {
    const parents = rng.sample(Array.from({ length: i }, (_, k) => `r${k}`), rng.chance(0.2) ? rng.int(2, 3) : 1);
    const dep = rng.chance(0.1) ? ` dep=r${rng.int(0, i - 1)}` : "";
    entries.push(`r${i}<-${parents.join(",")}${dep}`);
  }
  return entries.join("; ");
}

describe("PlanAncestry", () => {
  it("answers every pair as the ancestor closure does, whether or not `asked` narrows its columns", () => {
    const map = mapOf(randomSpec(5, 120));
    const ids = map.revisions.map((r) => r.revision);
    const members = new Set(ids);
    const full = new PlanAncestry(map, members);
    const rng = createRng(9);
    const narrowed = new PlanAncestry(map, members, new Set(rng.sample(ids, 30)));
    for (const of of ids) {
      const below = map.ancestors([of]);
      for (const ancestor of ids) {
        expect(full.isAncestor(ancestor, of)).toBe(below.has(ancestor));
        // Ids outside `asked` are answered by a search: still right, only slower.
        expect(narrowed.isAncestor(ancestor, of)).toBe(below.has(ancestor));
      }
    }
    expect(full.isAncestor("r1", "not-a-member")).toBe(false);
    expect(narrowed.isAncestor("not-a-member", "r1")).toBe(false);
  });

  it("gives topoSortDescending the same order with the columns it asks about as with every column", () => {
    for (const seed of [1, 2, 3, 4]) {
      const map = mapOf(randomSpec(seed, 300));
      const all = new Set(map.revisions.map((r) => r.revision));
      expect(historyOrder(map)).toEqual(topoSortDescending(map, all, map.realHeads, new PlanAncestry(map, all)));
    }
  });

  it("gives an upgrade from an empty table the same steps and rows from upgradeAncestry as from full bitsets", () => {
    for (const seed of [6, 7, 8]) {
      const map = mapOf(randomSpec(seed, 300));
      const all = new Set(map.revisions.map((r) => r.revision));
      const plans = [upgradeAncestry(map, all, map.realHeads), new PlanAncestry(map, all)].map((ancestry) => {
        const order = topoSortDescending(map, all, map.realHeads, ancestry).reverse();
        return planSteps(map, "up", order, [], [], ancestry);
      });
      expect(plans[0]).toEqual(plans[1]);
      expect(plans[0]!.steps).toHaveLength(300);
    }
  });
});
