import { describe, expect, it } from "vitest";
import { RevisionError } from "../errors";
import { resolveSingle, resolveTargets, resolveTargetsResult } from "./resolve";
import { resolveForCommand } from "./resolve-relative";
import { FIXTURES, mapOf } from "../graph/test-graph";

function failure(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof RevisionError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a RevisionError");
}

describe("symbols head, heads, base (§3.2, §10.2)", () => {
  const branched = mapOf("a; b<-a; c1<-b; c2<-b");
  it.each([
    ["heads", ["c1", "c2"]],
    ["base", []],
    ["b", ["b"]],
  ])("resolves %s", (ident, ids) => {
    expect(resolveTargets(branched, ident)).toEqual(ids);
  });

  it("refuses head with two heads, naming the argument as Alembic's CLI does", () => {
    expect(failure(() => resolveTargets(branched, "head"))).toEqual({
      code: "multiple-heads",
      message:
        "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads",
    });
  });

  it("refuses heads where a single revision is needed", () => {
    expect(failure(() => resolveSingle(branched, "heads")).code).toBe("multiple-heads");
  });

  it("resolves head to nothing in an empty directory", () => {
    expect(resolveTargets(mapOf(""), "head")).toEqual([]);
  });

  it("uses real heads for heads and versioned heads for label@heads", () => {
    const map = mapOf("a1 label=alib; a2<-a1; a3<-a2; x1 dep=a3");
    expect(resolveTargets(map, "heads")).toEqual(["x1"]);
    expect(resolveTargets(map, "alib@heads")).toEqual(["a3"]);
  });
});

describe("labelled lines (§10.7 LabeledBranchTest)", () => {
  const map = mapOf(
    "a label=abranch; b<-a; somelongername<-b; c<-somelongername; d; e<-d label=ebranch; someothername<-e; f<-someothername",
  );
  it.each([
    ["abranch@head", ["c"]],
    ["ebranch@head", ["f"]],
    ["abranch@base", []],
    ["ebranch@d", ["d"]],
    ["ebranch@ebranch", ["e"]],
    ["abranch", ["a"]],
    ["abranch@heads", ["c"]],
    ["ebranch@some", ["someothername"]],
    ["e@d", ["d"]],
    ["someoth@d", ["d"]],
    ["heads", ["c", "f"]],
  ])("%s → %j", (ident, ids) => {
    expect(resolveTargets(map, ident)).toEqual(ids);
  });

  it.each([
    ["ebranch@b", "not-a-member", "Can't locate revision identified by 'b' (revision b is not a member of branch 'ebranch')"],
    ["abranch@d", "not-a-member", "Can't locate revision identified by 'd' (revision d is not a member of branch 'abranch')"],
    ["x@d", "no-such-branch", "Can't locate revision identified by 'x' (no such branch: 'x')"],
    ["ebranch@sos", "unknown-revision", "Can't locate revision identified by 'sos' (no revision id or branch label starts with 'sos')"],
    ["abranch@qprstuv", "unknown-revision", "Can't locate revision identified by 'qprstuv' (no revision id or branch label starts with 'qprstuv')"],
    ["zzz", "unknown-revision", "Can't locate revision identified by 'zzz' (no revision id or branch label starts with 'zzz')"],
    ["head", "multiple-heads", "Multiple head revisions are present for given argument 'head'"],
  ])("%s is refused (%s)", (ident, code, message) => {
    const result = resolveTargetsResult(map, ident);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(message);
  });
});

describe("partial ids (§3.3)", () => {
  const map = mapOf("a0000001; b0000002<-a0000001; c1000003<-b0000002 label=c1branch; abc<-a0000001");
  it.each([
    ["b", ["b0000002"]],
    ["b000", ["b0000002"]],
    ["c1b", ["c1000003"]],
    ["abc", ["abc"]],
  ])("%s → %j (no minimum prefix length; labels are keys)", (ident, ids) => {
    expect(resolveTargets(map, ident)).toEqual(ids);
  });

  it("is ambiguous when a label and an id share the prefix", () => {
    const result = failure(() => resolveTargets(map, "c1"));
    expect(result.code).toBe("ambiguous-revision");
    expect(result.message).toContain("Can't locate revision identified by 'c1' (2 revisions or labels start with 'c1': 'c1000003', 'c1branch'");
  });

  it("ignores keys of 3 characters or fewer when matching a prefix", () => {
    const result = failure(() => resolveTargets(map, "ab"));
    expect(result.code).toBe("unknown-revision");
    expect(result.message).toContain("keys of 3 characters or fewer, like 'abc', only match exactly");
  });

  it("treats relative forms as unknown outside upgrade and downgrade", () => {
    expect(failure(() => resolveTargets(map, "b0000002+1")).code).toBe("unknown-revision");
  });

  it("refuses an empty string instead of treating it as base", () => {
    expect(failure(() => resolveTargets(map, "")).code).toBe("unknown-revision");
  });
});

describe("relative forms (§3.6)", () => {
  const linear = mapOf(FIXTURES.linear);
  const branched = mapOf(FIXTURES.branched);
  it.each([
    [linear, "+2", ["a"], "up", ["c"]],
    [linear, "b+2", ["a"], "up", ["d"]],
    [linear, "d-2", ["a"], "up", ["b"]],
    [linear, "+1", [], "up", ["a"]],
    [linear, "-1", ["c"], "down", ["b"]],
    [linear, "a+2", ["d"], "down", ["c"]],
    [linear, "c-2", ["d"], "down", ["a"]],
    [linear, "-1", ["a"], "down", []],
    [branched, "base+1", [], "up", ["a"]],
    [branched, "c2branch@+1", ["c1"], "up", ["c2"]],
    [branched, "c2branch@+1", ["c1", "c2"], "up", ["d2"]],
    [branched, "c2branch@head-1", ["b"], "up", ["c2"]],
    [branched, "c2branch@base+2", ["d1", "d2"], "down", ["b"]],
    [branched, "c1branch@-1", ["d1", "d2"], "down", ["c1"]],
    [branched, "d2-1", ["d2", "c1"], "down", ["c2"]],
  ] as const)("%#: %s from %j (%s) → %j", (map, target, rows, direction, expected) => {
    expect(resolveForCommand(map, target, { rows: [...rows], direction })).toEqual({ ok: true, value: expected });
  });

  it.each([
    [linear, "-2", ["b"], "up", "relative-out-of-range", "Relative revision -2 didn't produce 2 migrations"],
    [linear, "+5", ["b"], "up", "relative-out-of-range", "Relative revision +5 didn't produce 5 migrations"],
    [linear, "-5", ["b"], "down", "relative-out-of-range", "Relative revision -5 didn't produce 5 migrations"],
    [linear, "+2", ["b"], "down", "relative-out-of-range", "Relative revision +2 didn't produce 2 migrations"],
    [linear, "-1", [], "down", "relative-out-of-range", "Relative revision -1 didn't produce 1 migrations"],
    [linear, "e+1", ["a"], "down", "walked-too-far", "Walked too far"],
    [linear, "b+7", ["a"], "up", "walked-too-far", "Walked too far"],
    [branched, "+1", ["c1", "c2"], "up", "ambiguous-upgrade", "Ambiguous upgrade from multiple current revisions"],
    [branched, "+1", ["b"], "up", "ambiguous-walk", "Ambiguous walk"],
    [mapOf(FIXTURES.merged), "e-1", ["e"], "down", "ambiguous-walk", "Ambiguous walk"],
  ] as const)("%#: %s from %j (%s) is refused", (map, target, rows, direction, code, message) => {
    const result = resolveForCommand(map, target, { rows: [...rows], direction });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code, message: expect.stringContaining(message) }) });
  });
});
