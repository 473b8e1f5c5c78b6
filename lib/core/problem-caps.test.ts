import { describe, expect, it } from "vitest";
import { capProblems } from "./problem-caps";
import type { Problem } from "./types";

const problem = (path: string, i: number, severity?: "warning"): Problem => ({ kind: "syntax", path, message: `p${i}`, ...(severity ? { severity } : {}) });

describe("capProblems", () => {
  it("keeps short lists as they are", () => {
    const list = [problem("a.py", 1), problem("b.py", 2)];
    expect(capProblems(list)).toBe(list);
  });

  it("keeps the first problems of a noisy file and counts the rest in one entry right after them", () => {
    const list = [...Array.from({ length: 25 }, (_, i) => problem("noisy.py", i, "warning")), problem("b.py", 99)];
    const capped = capProblems(list, 20, 200);
    expect(capped.length).toBe(22);
    expect(capped[20]).toMatchObject({ kind: "too-many-problems", path: "noisy.py", severity: "warning", message: "5 more problem(s) in noisy.py are not listed" });
    expect(capped[21]).toMatchObject({ path: "b.py" });
  });

  it("caps the whole list, counting what each cut stood for", () => {
    const list = Array.from({ length: 10 }, (_, i) => problem(`f${i}.py`, i));
    expect(capProblems(list, 20, 4)).toMatchObject([{}, {}, {}, {}, { kind: "too-many-problems", severity: "error", message: "6 more problem(s) in this project are not listed" }]);
  });
});
