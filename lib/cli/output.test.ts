import { describe, expect, it } from "vitest";
import { createOutput } from "./output";

const capture = (json = false) => {
  const writes: string[] = [];
  return { out: createOutput(json, (s) => void writes.push(s)), writes };
};

describe("createOutput batches what a command prints", () => {
  it("writes a synchronous run of lines once, before the command's own await returns", async () => {
    const { out, writes } = capture();
    for (let i = 0; i < 5_000; i++) out.line(`line ${i}`);
    expect(writes).toEqual([]);
    await Promise.resolve();
    expect(writes.length).toBeLessThan(5);
    expect(writes.join("")).toBe(Array.from({ length: 5_000 }, (_, i) => `line ${i}\n`).join(""));
  });

  it("prints progress as it comes when the command waits between lines", async () => {
    const { out, writes } = capture();
    out.line("step 1");
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(writes).toEqual(["step 1\n"]);
    out.line("step 2");
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(writes).toEqual(["step 1\n", "step 2\n"]);
  });

  it("flushes on demand (before an error is printed), and prints JSON only with --json", async () => {
    const { out, writes } = capture();
    out.line("before the error");
    out.flush();
    expect(writes).toEqual(["before the error\n"]);
    out.result({ ignored: true });
    await Promise.resolve();
    expect(writes).toEqual(["before the error\n"]);
    const json = capture(true);
    json.out.line("not for machines");
    json.out.result({ ok: 1 });
    json.out.flush();
    expect(json.writes).toEqual(['{\n  "ok": 1\n}\n']);
  });
});
