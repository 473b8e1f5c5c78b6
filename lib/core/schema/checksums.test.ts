import { describe, expect, it } from "vitest";
import { mapOf } from "../graph/test-graph";
import { compareChecksums } from "./checksums";

const map = mapOf("a; b<-a; c<-b");
const record = (revision: string, sha256: string) => ({ revision, path: `versions/${revision}.py`, sha256 });
const digests = new Map([["a", "A"], ["b", "B2"], ["c", "C"]]);

describe("compareChecksums", () => {
  it("reports a file edited after its revision was applied", () => {
    expect(compareChecksums({ map, rows: ["c"], records: [record("a", "A"), record("b", "B1")], digests })).toEqual([
      { revision: "b", state: "edited", path: "versions/b.py", recorded: "B1", current: "B2" },
    ]);
  });

  it("says nothing of a revision downgraded since it was recorded", () => {
    expect(compareChecksums({ map, rows: ["a"], records: [record("b", "B1")], digests })).toEqual([]);
  });

  it("reports a recorded revision whose file is gone, and a row the directory does not have", () => {
    const found = compareChecksums({ map, rows: ["zz"], records: [record("gone", "G"), record("b", "B1")], digests });
    expect(found.map((f) => [f.revision, f.state])).toEqual([["b", "edited"], ["gone", "missing-file"], ["zz", "missing-file"]]);
  });

  it("reports a file deleted after the map was built as missing", () => {
    expect(compareChecksums({ map, rows: ["c"], records: [record("c", "C")], digests: new Map([["c", null]]) })).toMatchObject([{ revision: "c", state: "missing-file" }]);
  });

  it("finds nothing without records", () => {
    expect(compareChecksums({ map, rows: ["c"], records: [], digests })).toEqual([]);
  });
});
