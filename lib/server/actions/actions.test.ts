import { describe, expect, it } from "vitest";
import type { MigrationPlan } from "../../core/types";
import { redactOutput } from "./alembic-process";
import { stepStatuses } from "./alembic-runner";
import { actionRequestSchema, mergeInputSchema } from "./input";
import { confirmationRefusal, forbidden, guardFor } from "./protection";

describe("guardFor", () => {
  const table: Array<[Parameters<typeof guardFor>[0], Parameters<typeof guardFor>[1], string]> = [
    ["none", "upgrade", "run"],
    ["confirm", "stamp", "type-name"],
    ["approval", "downgrade", "approval"],
    // A rehearsal changes nothing: no typed name, no approval.
    ["approval", "rehearse", "run"],
    ["confirm", "rehearse", "run"],
    ["readonly", "rehearse", "refused"],
    ["readonly", "upgrade", "refused"],
  ];
  it.each(table)("%s guards %s as %s", (protection, kind, guard) => expect(guardFor(protection, kind)).toBe(guard));
});

describe("roles", () => {
  it("forbids a viewer everything and an operator downgrade, stamp and merge", () => {
    expect(forbidden({ name: "v", role: "viewer" }, "upgrade")?.code).toBe("forbidden:upgrade");
    expect(forbidden({ name: "o", role: "operator" }, "upgrade")).toBeNull();
    expect(forbidden({ name: "o", role: "operator" }, "rehearse")).toBeNull();
    expect(forbidden({ name: "o", role: "operator" }, "stamp")?.code).toBe("forbidden:stamp");
    expect(forbidden({ name: "o", role: "operator" }, "merge")?.code).toBe("forbidden:merge");
    expect(forbidden({ name: "a", role: "admin" }, "approve")).toBeNull();
    expect(forbidden(null, "upgrade")?.code).toBe("unauthorized");
  });

  it("accepts only the environment's exact name as confirmation", () => {
    expect(confirmationRefusal("prod", "type-name", "prod")).toBeNull();
    expect(confirmationRefusal("prod", "type-name", " prod ")).toBeNull();
    expect(confirmationRefusal("prod", "type-name", "Prod")?.code).toBe("confirm:mismatch");
    expect(confirmationRefusal("prod", "run", undefined)).toBeNull();
  });
});

describe("action input", () => {
  const ok = ["heads", "head", "ae1027a6acf", "billing@head", "+2", "-1", "base", "billing@+1", "ae10+2"];
  it.each(ok)("accepts the target %s", (target) => expect(actionRequestSchema.safeParse({ kind: "upgrade", target }).success).toBe(true));
  const bad = ["", "a'; drop table x", "../../etc/x", "a b", "x".repeat(129), "$(rm -rf /)", "--sql", "-x", "-1a"];
  it.each(bad)("refuses the target %j", (target) => {
    expect(actionRequestSchema.safeParse({ kind: "upgrade", target }).success).toBe(false);
  });
  it("needs at least one stamp target and checks each", () => {
    expect(actionRequestSchema.safeParse({ kind: "stamp", targets: [] }).success).toBe(false);
    expect(actionRequestSchema.safeParse({ kind: "stamp", targets: ["a1", "x'"] }).success).toBe(false);
    expect(actionRequestSchema.parse({ kind: "stamp", targets: ["a1", "b2"], purge: true })).toEqual({ kind: "stamp", target: "", targets: ["a1", "b2"], purge: true });
  });
  it("checks merge messages and labels", () => {
    expect(mergeInputSchema.safeParse({ message: "merge heads", branchLabel: "release_2" }).success).toBe(true);
    expect(mergeInputSchema.safeParse({ message: "m".repeat(201) }).success).toBe(false);
    expect(mergeInputSchema.safeParse({ message: 'a"""b' }).success).toBe(false);
    expect(mergeInputSchema.safeParse({ message: "two\nlines" }).success).toBe(false);
    expect(mergeInputSchema.safeParse({ message: "ok", branchLabel: "../x" }).success).toBe(false);
    expect(mergeInputSchema.safeParse({ message: "ok", branchLabel: "1abc" }).success).toBe(false);
  });
});

describe("Alembic runs", () => {
  const plan: MigrationPlan = {
    kind: "upgrade", target: "heads", before: [], after: ["c"], notes: [],
    steps: [
      { revision: "a", direction: "up", versionOps: [], rowsAfter: ["a"] },
      { revision: "b", direction: "up", versionOps: [], rowsAfter: ["b"] },
      { revision: "c", direction: "up", versionOps: [], rowsAfter: ["c"] },
    ],
  };
  it("marks every step applied when alembic succeeds", () => {
    const steps = stepStatuses(plan, ["c"], { exitCode: 0, output: "", timedOut: false });
    expect(steps.map((s) => s.status)).toEqual(["applied", "applied", "applied"]);
  });
  it("marks the step alembic was running when it failed, and rolls back the ones before it", () => {
    const output = "INFO  [alembic.runtime.migration] Running upgrade  -> a, one\nINFO  [alembic.runtime.migration] Running upgrade a -> b, two\nFAILED: boom";
    const steps = stepStatuses(plan, [], { exitCode: 255, output, timedOut: false });
    expect(steps.map((s) => s.status)).toEqual(["rolled-back", "failed", "not-run"]);
    expect(steps[1]!.error?.message).toBe("boom");
  });
  it("keeps the steps a per-migration transaction committed", () => {
    const output = "Running upgrade  -> a, one\nRunning upgrade a -> b, two\nTraceback...\nsqlalchemy.exc.ProgrammingError: relation exists";
    const steps = stepStatuses(plan, ["a"], { exitCode: 1, output, timedOut: false });
    expect(steps.map((s) => s.status)).toEqual(["applied", "failed", "not-run"]);
  });
  it("takes the URL, its password and any credentialled URL out of the output", () => {
    const url = "postgresql://app:s3cret-pw@db.internal:5432/prod";
    const text = `connecting to ${url}\npassword s3cret-pw rejected\nother postgres://x:y@h/d`;
    const out = redactOutput(text, [url, "s3cret-pw"]);
    expect(out).not.toContain("s3cret-pw");
    expect(out).not.toContain("db.internal");
    expect(out).not.toContain("x:y@");
  });
});
