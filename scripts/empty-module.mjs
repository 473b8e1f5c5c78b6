// Stands in for "server-only" in the CLI bundle: outside Next.js there is nothing to guard.
export {};
