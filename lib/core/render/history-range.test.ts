// `history -r A:B` parsing and the relative ends of walk_revisions; the byte-for-byte comparison
// with real Alembic is test/compat/history-relative.test.ts.
import { describe, expect, it } from "vitest";
import { mapOf } from "../graph/test-graph";
import { historyRange, parseHistoryRange, usesCurrent } from "./history-range";
import { showEnd } from "./history-range-walk";

const merged = mapOf("a1; b2<-a1; c3<-b2; d4<-c3; x4<-c3; e5<-d4; m6<-e5,x4; g7<-m6; h8<-g7; i9<-h8");
const run = (text: string, current: string[] = []) => {
  const range = parseHistoryRange(text);
  if (!range.ok) return range;
  return historyRange(merged, range.value, current);
};

describe("parseHistoryRange", () => {
  it("keeps relative ends, open ends and current as typed", () => {
    expect(parseHistoryRange("-3:current")).toEqual({ ok: true, value: { lower: "-3", upper: "current" } });
    expect(parseHistoryRange(" base:+2 ")).toEqual({ ok: true, value: { lower: "base", upper: "+2" } });
    expect(parseHistoryRange("-2:")).toEqual({ ok: true, value: { lower: "-2", upper: null } });
    expect(parseHistoryRange(":+1")).toEqual({ ok: true, value: { lower: null, upper: "+1" } });
    expect(parseHistoryRange(":")).toEqual({ ok: true, value: { lower: null, upper: null } });
  });

  it("refuses anything but exactly one colon, in Alembic's words", () => {
    for (const text of ["-3", "a1:b2:c3", "", "current"]) {
      const result = parseHistoryRange(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toBe("History range requires [start]:[end], [start]:, or :[end]");
    }
  });

  it("says when the database is needed", () => {
    expect(usesCurrent({ lower: "-3", upper: "current" })).toBe(true);
    expect(usesCurrent({ lower: "current", upper: "+1" })).toBe(true);
    expect(usesCurrent({ lower: "-3", upper: "heads" })).toBe(false);
  });
});

describe("historyRange with relative ends", () => {
  it("counts a relative start from the head, not from current", () => {
    expect(run("-3:current", ["h8"])).toEqual({ ok: true, value: ["h8", "g7", "m6"] });
    expect(run("-1:heads")).toEqual({ ok: true, value: ["i9", "h8"] });
    expect(run("-2:")).toEqual({ ok: true, value: ["i9", "h8", "g7"] });
  });

  it("walks a relative end up from the lower end, stopping at the top instead of failing", () => {
    expect(run("base:+2")).toEqual({ ok: true, value: ["b2", "a1"] });
    expect(run(":+1")).toEqual({ ok: true, value: ["a1"] });
    expect(run("current:+1", ["h8"])).toEqual({ ok: true, value: ["i9", "h8"] });
    expect(run("g7:+9")).toEqual({ ok: true, value: ["i9", "h8", "g7"] });
    expect(run("current:+2", [])).toEqual({ ok: true, value: ["b2", "a1"] });
  });

  it("fails where Alembic fails, with its message and the end as Alembic prints it", () => {
    const message = (text: string, current: string[] = []) => {
      const result = run(text, current);
      return result.ok ? "ok" : result.error.message;
    };
    expect(message("c3:+1")).toBe("Ambiguous walk");
    expect(message("-5:")).toBe("Ambiguous walk");
    expect(message(":-1")).toBe("Relative revision -1 didn't produce 1 migrations");
    expect(message("current:-2", ["h8"])).toBe("Relative revision -2 didn't produce 2 migrations");
    expect(message("-1:current", ["e5"])).toBe("Requested range -1:('e5',) does not refer to ancestor/descendant revisions along the same branch");
    expect(message("-1:+1")).toMatch(/^Can't locate revision identified by '-1'/);
    expect(message(":+0")).toBe("Relative revision 0 didn't produce 0 migrations");
  });

  it("clamps a relative start that runs below base on a linear chain", () => {
    const linear = mapOf("a1; b2<-a1; c3<-b2");
    expect(historyRange(linear, { lower: "-9", upper: "c3" })).toEqual({ ok: true, value: ["c3", "b2", "a1"] });
    // …but an open or `heads` upper end becomes `heads@heads`, which Alembic cannot locate.
    const open = historyRange(linear, { lower: "-9", upper: null });
    expect(open.ok ? open.value : open.error.message).toMatch(/^Can't locate revision identified by 'heads'/);
    expect(historyRange(linear, { lower: "-9", upper: "current" }, ["b2"])).toEqual({ ok: true, value: ["b2", "a1"] });
  });

  it("clamps a labelled relative start against the upper end's revision on that branch", () => {
    const labelled = mapOf("a1 label=core; b2<-a1; c3<-b2; d1 label=extra; d2<-d1");
    expect(historyRange(labelled, { lower: "core@-5", upper: "c3" })).toEqual({ ok: true, value: ["c3", "b2", "a1"] });
    expect(historyRange(labelled, { lower: "extra@-7", upper: "d2" })).toEqual({ ok: true, value: ["d2", "d1"] });
  });

  it("ends a huge step count at the graph's ends instead of looping", () => {
    const linear = mapOf("a1; b2<-a1; c3<-b2");
    expect(historyRange(linear, { lower: "a1", upper: "+99999999999999" })).toEqual({ ok: true, value: ["c3", "b2", "a1"] });
    expect(historyRange(linear, { lower: "-99999999999999", upper: "b2" })).toEqual({ ok: true, value: ["b2", "a1"] });
  });

  it("shows tuples like Python's repr", () => {
    expect(showEnd(["c3"])).toBe("('c3',)");
    expect(showEnd(["b2", "c3"])).toBe("('b2', 'c3')");
    expect(showEnd("-1")).toBe("-1");
  });
});
