import { afterEach, describe, expect, it } from "vitest";
import { hashPassword, verifyPasswordHash } from "./password";
import { PasswordCheckBusyError, scryptPeak } from "./scrypt-gate";

// A burst of password checks must not run unbounded scrypt work (issue 11, item 8).
describe("the scrypt concurrency cap", () => {
  afterEach(() => {
    delete process.env.RETORT_SCRYPT_CONCURRENCY;
    delete process.env.RETORT_SCRYPT_QUEUE;
  });

  it("runs at most RETORT_SCRYPT_CONCURRENCY derivations at once and refuses beyond the queue", async () => {
    const hash = await hashPassword("correct horse battery");
    process.env.RETORT_SCRYPT_CONCURRENCY = "2";
    process.env.RETORT_SCRYPT_QUEUE = "6";
    scryptPeak({ reset: true });
    const burst = await Promise.allSettled(Array.from({ length: 40 }, () => verifyPasswordHash("wrong guess", hash)));
    const refused = burst.filter((r) => r.status === "rejected");
    expect(scryptPeak()).toBe(2);
    expect(burst.filter((r) => r.status === "fulfilled")).toHaveLength(8);
    expect(refused).toHaveLength(32);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(PasswordCheckBusyError);
    // Once the burst is over, checks run again.
    expect(await verifyPasswordHash("correct horse battery", hash)).toBe(true);
  });
});
