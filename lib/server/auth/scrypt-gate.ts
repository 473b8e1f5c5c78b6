import "server-only";

// scrypt costs ~32 MB and tens of milliseconds per call on libuv's small thread pool; without a
// cap, a burst of sign-ins (or of garbage POSTs to the login form) queues unbounded work and
// memory, and starves file and DNS I/O that share the pool. At most `limit` derivations run at
// once and at most `queue` wait; beyond that a sign-in is refused at once as busy.

export class PasswordCheckBusyError extends Error {
  readonly code = "busy";
  constructor() {
    super("Too many sign-ins are being checked right now; try again in a moment.");
  }
}

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

const GATE = Symbol.for("retort.scrypt.gate");
const holder = globalThis as unknown as { [GATE]?: { running: number; waiting: Array<() => void>; peak: number } };

function gate() {
  return (holder[GATE] ??= { running: 0, waiting: [], peak: 0 });
}

/** Run `work` when a slot is free; refuse at once when too many are already waiting. */
export async function withScryptSlot<T>(work: () => Promise<T>): Promise<T> {
  const state = gate();
  const limit = setting("RETORT_SCRYPT_CONCURRENCY", 2);
  if (state.running >= limit) {
    if (state.waiting.length >= setting("RETORT_SCRYPT_QUEUE", 16)) throw new PasswordCheckBusyError();
    await new Promise<void>((resolve) => state.waiting.push(resolve));
  } else {
    state.running += 1;
  }
  state.peak = Math.max(state.peak, state.running);
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter, so `running` never exceeds the limit.
    const next = state.waiting.shift();
    if (next) next();
    else state.running -= 1;
  }
}

/** The most derivations that ran at once since the last reset (for tests and diagnostics). */
export function scryptPeak({ reset = false } = {}): number {
  const state = gate();
  const peak = state.peak;
  if (reset) state.peak = state.running;
  return peak;
}
