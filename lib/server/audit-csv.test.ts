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
    id: "7", at: "2026-01-01T10:00:00.000Z", environment: "prod", actor: "=cmd|' /C calc'!A0", action: "upgrade",
    target: "head", rowsBefore: ["a1", "b2"], rowsAfter: ["c3"], result: "failed",
    steps: [{ revision: "c3", direction: "up" }], durationMs: 40, error: "42P01: relation \"t\" does not exist",
  };

  it("has a header row, CRLF line ends and guarded cells", () => {
    const csv = auditCsv([row]);
    const [header, line] = csv.split("\r\n");
    expect(header).toBe("id,at,environment,actor,action,target,result,rows_before,rows_after,steps,duration_ms,error");
    expect(line).toBe(`7,2026-01-01T10:00:00.000Z,prod,'=cmd|' /C calc'!A0,upgrade,head,failed,a1 b2,c3,c3 up,40,"42P01: relation ""t"" does not exist"`);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("summarises steps, and stamps have none", () => {
    expect(stepsSummary([{ revision: "a", direction: "up" }, { revision: "b", direction: "up" }])).toBe("a up; b up");
    expect(stepsSummary([{ revision: null, direction: null }])).toBe("");
    expect(stepsSummary("nonsense")).toBe("");
  });
});
