import { describe, expect, it } from "vitest";
import { classifyEnvironment, type EnvironmentStatus } from "./environment-status";
import { FIXTURES, mapOf } from "../graph/test-graph";

interface Case {
  name: string;
  graph: string;
  rows: string[];
  tableExists?: boolean;
  hasUserTables?: boolean;
  expected: Partial<EnvironmentStatus>;
}

const cases: Case[] = [
  {
    name: "reports current when the rows equal the single head",
    graph: FIXTURES.linear,
    rows: ["e"],
    expected: { status: "current", current: ["e"], pending: [], unknownRows: [] },
  },
  {
    name: "reports behind with the pending revisions in upgrade order",
    graph: FIXTURES.linear,
    rows: ["b"],
    expected: { status: "behind", current: ["b"], pending: ["c", "d", "e"] },
  },
  {
    name: "reports current only when every real head is applied",
    graph: FIXTURES.branched,
    rows: ["d1", "d2"],
    expected: { status: "current", pending: [] },
  },
  {
    name: "reports behind when only one of two divergent heads is applied",
    graph: FIXTURES.branched,
    rows: ["d1"],
    expected: { status: "behind", pending: ["c2", "d2"] },
  },
  {
    name: "counts the merge revision as pending after both branch tips",
    graph: FIXTURES.merged,
    rows: ["d1", "d2"],
    expected: { status: "behind", pending: ["e"] },
  },
  {
    name: "shows dependencies implied by the rows as current, as alembic current does",
    graph: FIXTURES.deps,
    rows: ["a3", "b3"],
    expected: { status: "current", current: ["a3", "b3"] },
  },
  {
    name: "lists a dependency implied by a row among the current revisions",
    graph: FIXTURES.deps,
    rows: ["b2"],
    // Order between the two independent lines is the planner's (load order), not asserted here.
    expected: { status: "behind", current: ["a2", "b2"], pending: expect.arrayContaining(["a3", "b3"]) },
  },
  {
    name: "reports unknown-revision for a row the directory does not contain",
    graph: FIXTURES.linear,
    rows: ["c", "zz99"],
    expected: { status: "unknown-revision", unknownRows: ["zz99"], current: ["c"], pending: [] },
  },
  {
    name: "reports overlapping when one row is an ancestor of another",
    graph: FIXTURES.linear,
    rows: ["b", "d"],
    expected: { status: "overlapping", pending: [], unknownRows: [] },
  },
  {
    name: "reports unversioned when tables exist but the version table does not",
    graph: FIXTURES.linear,
    rows: [],
    tableExists: false,
    hasUserTables: true,
    expected: { status: "unversioned", current: [], pending: [] },
  },
  {
    name: "reports unversioned when tables exist beside an empty version table",
    graph: FIXTURES.linear,
    rows: [],
    tableExists: true,
    hasUserTables: true,
    expected: { status: "unversioned" },
  },
  {
    name: "reports empty for a database with no tables, with every revision pending",
    graph: FIXTURES.linear,
    rows: [],
    tableExists: false,
    hasUserTables: false,
    expected: { status: "empty", pending: ["a", "b", "c", "d", "e"] },
  },
  {
    name: "reports empty for an empty version table and no other tables",
    graph: FIXTURES.branched,
    rows: [],
    tableExists: true,
    hasUserTables: false,
    expected: { status: "empty" },
  },
];

describe("classifyEnvironment", () => {
  it.each(cases)("$name", ({ graph, rows, tableExists = true, hasUserTables = true, expected }) => {
    const result = classifyEnvironment({ map: mapOf(graph), rows, tableExists, hasUserTables });
    expect(result).toMatchObject(expected);
  });

  it("puts every revision in pending for an empty database, parents first", () => {
    const { pending } = classifyEnvironment({ map: mapOf(FIXTURES.merged), rows: [], tableExists: false, hasUserTables: false });
    expect(pending).toHaveLength(7);
    expect(pending.indexOf("b")).toBeLessThan(pending.indexOf("c1"));
    expect(pending.indexOf("d1")).toBeLessThan(pending.indexOf("e"));
    expect(pending.at(-1)).toBe("e");
  });

  it("ignores duplicate rows", () => {
    const result = classifyEnvironment({ map: mapOf(FIXTURES.linear), rows: ["e", "e"], tableExists: true, hasUserTables: true });
    expect(result.status).toBe("current");
  });
});
