import "server-only";

// State that must be one per process. Next.js bundles each route on its own, so a module-level
// variable can exist once per route; what every route must agree on (this process's instance
// id, its running actions, its held lock files) hangs off globalThis instead.

export function processState<T>(name: string, create: () => T): T {
  const key = Symbol.for(`retort:${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return (store[key] ??= create());
}
