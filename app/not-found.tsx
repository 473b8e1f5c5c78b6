import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col items-center px-4 py-24 text-center" data-testid="not-found">
      <p className="font-mono text-sm text-zinc-600 dark:text-zinc-400">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        No project, environment or revision by that name. It may have been renamed or removed from the configuration.
      </p>
      <Link href="/" className="mt-6 text-sm font-medium underline-offset-4 hover:underline">
        Back to the overview
      </Link>
    </main>
  );
}
