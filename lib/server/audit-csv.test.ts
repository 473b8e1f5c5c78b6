import { describe, expect, it } from "vitest";
import { auditCsv, csvCell, stepsSummary } from "./audit-csv";
import type { AuditRow } from "./audit-query";

describe("CSV cells", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=HYPERLINK(\"http://x\")", '"\'=HYPERLINK(""http://x"")"'],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("writes numbers as they are and null as empty", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
  });
});

describe("audit CSV export", () => {
  const row: AuditRow = {
    id: "7", globalId: "prod:7", project: "shop", at: "2026-01-01T10:00:00.000Z", environment: "prod", actor: "=cmd|' /C calc'!A0", action: "upgrade",
    target: "head", rowsBefore: ["a1", "b2"], rowsAfter: ["c3"], result: "failed",
    steps: [{ revision: "c3", direction: "up", status: "failed", durationMs: 40, message: "add, things" }], durationMs: 40, error: "42P01: relation \"t\" does not exist",
  };

  it("has a header row, CRLF line ends and guarded cells", () => {
    const csv = auditCsv([row]);
    const [header, line] = csv.split("\r\n");
    expect(header).toBe("global_id,id,at,environment,project,actor,action,target,result,rows_before,rows_after,steps,duration_ms,error");
    expect(line).toBe(`prod:7,7,2026-01-01T10:00:00.000Z,prod,shop,'=cmd|' /C calc'!A0,upgrade,head,failed,a1 b2,c3,"c3 up failed (add, things)",40,"42P01: relation ""t"" does not exist"`);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("writes a merge with its file and parents", () => {
    const merge: AuditRow = { ...row, id: "merge-3", globalId: "merge:3", environment: "", action: "merge", target: "m1", result: "applied", steps: [], rowsBefore: [], rowsAfter: [], durationMs: null, error: null, merge: { path: "versions/m1_merge.sql", parents: ["a1", "b2"], message: "merge heads" } };
    const line = auditCsv([merge]).split("\r\n")[1];
    expect(line).toContain("merge:3,merge-3,");
    expect(line).toContain("merge m1 of a1 + b2 (versions/m1_merge.sql)");
  });

  it("summarises steps, and stamps have none", () => {
    expect(stepsSummary([{ revision: "a", direction: "up" }, { revision: "b", direction: "up" }])).toBe("a up; b up");
    expect(stepsSummary([{ revision: null, direction: null }])).toBe("");
    expect(stepsSummary("nonsense")).toBe("");
  });
});
