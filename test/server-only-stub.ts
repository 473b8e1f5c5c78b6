// Outside Next.js (tests, CLI) the "server-only" guard has nothing to guard.
export {};
